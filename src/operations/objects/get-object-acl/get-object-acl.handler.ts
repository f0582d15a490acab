import { accessHandler } from '../../access/access-handler';
import { GetObjectAclCommand } from './get-object-acl.command';

export const GetObjectAclHandler = accessHandler(GetObjectAclCommand, async ({ backend }, { input }) => {
  const own = await backend.getObjectAcl(input);
  // An object without an ACL of its own (VersityGW keeps none) is governed by its bucket's.
  return own ?? (await backend.bucketAccess({ bucket: input.bucket })).acl;
});
