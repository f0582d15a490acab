import type { BucketInput, TagSet } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetBucketTaggingCommand extends s3Command<BucketInput, TagSet>('GetBucketTagging') {}
