import type { BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class DeleteBucketOwnershipControlsCommand extends s3Command<BucketInput, void>('DeleteBucketOwnershipControls') {}
