import type { AccessControlList, AclPermission } from '../../backends/backend';
import { aclGrants } from './acl-grants';
import type { BucketAccessState } from './bucket-access-state';

/**
 * Whether an object belongs to another account than its bucket's: its own ACL names another
 * owner (the account that wrote it, under ObjectWriter or BucketOwnerPreferred), and ACLs are
 * enabled (under BucketOwnerEnforced the bucket owner owns every object, whatever was stored).
 * An object without an ACL of its own (every object VersityGW wrote) is the bucket owner's.
 */
export function isForeignObject(acl: AccessControlList | undefined, state: Pick<BucketAccessState, 'owner' | 'ownership'>): acl is AccessControlList {
  return acl !== undefined && acl.owner !== state.owner && state.ownership !== 'BucketOwnerEnforced';
}

/**
 * What a foreign object lets the caller do, as AWS decides it: only what its ACL grants, to the
 * bucket owner as to anyone (a bucket policy cannot give what the object's owner did not), except
 * that its owner may always read and change the ACL itself.
 */
export function foreignObjectAllows(acl: AccessControlList, principal: string | undefined, permission: AclPermission, ignorePublic: boolean): boolean {
  if (principal !== undefined && principal === acl.owner && (permission === 'READ_ACP' || permission === 'WRITE_ACP')) return true;
  return aclGrants(acl, principal, permission, ignorePublic);
}
