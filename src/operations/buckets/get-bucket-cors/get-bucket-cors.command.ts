import type { BucketInput } from '../../../backends/backend';
import type { CorsRule } from '../../../cors/cors-rule';
import { s3Command } from '../../s3-command';

export class GetBucketCorsCommand extends s3Command<BucketInput, readonly CorsRule[]>('GetBucketCors') {}
