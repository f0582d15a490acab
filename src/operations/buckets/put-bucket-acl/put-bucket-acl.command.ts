import type { BucketInput } from '../../../backends/backend';
import type { AclRequest } from '../../access/acl-request';
import { s3Command } from '../../s3-command';

export class PutBucketAclCommand extends s3Command<BucketInput & { acl: AclRequest }, void>('PutBucketAcl') {}
