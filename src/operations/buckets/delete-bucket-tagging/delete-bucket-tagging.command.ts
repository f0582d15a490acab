import type { BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class DeleteBucketTaggingCommand extends s3Command<BucketInput, void>('DeleteBucketTagging') {}
