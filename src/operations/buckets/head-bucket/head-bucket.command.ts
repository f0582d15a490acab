import type { BucketInfo, BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class HeadBucketCommand extends s3Command<BucketInput, BucketInfo>('HeadBucket') {}
