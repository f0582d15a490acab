import type { BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class PutBucketPolicyCommand extends s3Command<BucketInput & { policy: string }, void>('PutBucketPolicy') {}
