import type { BucketInput, ObjectOwnership } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetBucketOwnershipControlsCommand extends s3Command<BucketInput, ObjectOwnership>('GetBucketOwnershipControls') {}
