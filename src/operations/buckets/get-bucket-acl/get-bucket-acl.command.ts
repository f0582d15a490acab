import type { AccessControlList, BucketInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetBucketAclCommand extends s3Command<BucketInput, AccessControlList>('GetBucketAcl') {}
