import type { BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetBucketPolicyStatusCommand extends s3Command<BucketInput, { isPublic: boolean }>('GetBucketPolicyStatus') {}
