import { PutObjectAclCommand } from '../../../operations/objects/put-object-acl/put-object-acl.command';
import { aclRequestOf } from './acl-request-of';
import { objectOf, S3Route, sendEmpty } from './s3-route';

export const putObjectAclRoute: S3Route<void> = {
  operation: 'PutObjectAcl',
  toCommand: async (req) => new PutObjectAclCommand(req.context, { ...objectOf(req), acl: await aclRequestOf(req) }),
  send: (reply) => sendEmpty(reply),
};
