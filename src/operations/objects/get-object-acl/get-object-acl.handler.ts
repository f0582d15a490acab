import type { AccessControlList } from '../../../backends/backend';
import { accessHandler } from '../../access/access-handler';
import { GetObjectAclCommand } from './get-object-acl.command';

/** The only ACL an object has while ACLs are disabled: its bucket owner's FULL_CONTROL, as AWS shows it. */
const enforcedAcl = (owner: string): AccessControlList => ({ owner, grants: [{ grantee: { type: 'CanonicalUser', id: owner }, permission: 'FULL_CONTROL' }] });

export const GetObjectAclHandler = accessHandler(GetObjectAclCommand, async ({ backend, states }, { input }) => {
  const own = await backend.getObjectAcl(input);
  const bucket = await states.get(input.bucket);
  // Under BucketOwnerEnforced the bucket owner owns every object, whatever ACL it was written with.
  if (bucket.ownership === 'BucketOwnerEnforced') return enforcedAcl(bucket.owner);
  // An object without an ACL of its own (VersityGW keeps none) is governed by its bucket's.
  return own ?? bucket.acl;
});
