import type { BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class DeleteBucketCommand extends s3Command<BucketInput, void>('DeleteBucket') {}
