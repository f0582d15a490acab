import type { ObjectInput } from '../../../backends/backend';
import type { AclRequest } from '../../access/acl-request';
import { s3Command } from '../../s3-command';

export class PutObjectAclCommand extends s3Command<ObjectInput & { acl: AclRequest }, void>('PutObjectAcl') {}
