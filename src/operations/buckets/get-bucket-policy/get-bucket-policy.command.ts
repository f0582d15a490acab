import type { BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetBucketPolicyCommand extends s3Command<BucketInput, string>('GetBucketPolicy') {}
