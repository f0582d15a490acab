import type { BucketInput, TagSet } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class PutBucketTaggingCommand extends s3Command<BucketInput & { tags: TagSet }, void>('PutBucketTagging') {}
