import type { BucketInput, ObjectOwnership } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class PutBucketOwnershipControlsCommand extends s3Command<BucketInput & { ownership: ObjectOwnership }, void>('PutBucketOwnershipControls') {}
