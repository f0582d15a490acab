import type { AccessControlList, AclGrant, AclPermission } from '../../backends/backend';

/** A grant to a group is what AWS calls public: anyone (AllUsers) or any account (AuthenticatedUsers). */
export function isPublicGrant(grant: AclGrant): boolean {
  return grant.grantee.type === 'Group';
}

export function isPublicAcl(acl: AccessControlList): boolean {
  return acl.grants.some(isPublicGrant);
}

/**
 * Whether the ACL gives `permission` to the caller (undefined: anonymous): through a grant to its
 * account, to AllUsers, or (signed in) to AuthenticatedUsers; FULL_CONTROL gives every permission.
 * `ignorePublic`: the public access block's IgnorePublicAcls, under which group grants count for nothing.
 */
export function aclGrants(acl: AccessControlList, principal: string | undefined, permission: AclPermission, ignorePublic: boolean): boolean {
  for (const grant of acl.grants) {
    if (grant.permission !== permission && grant.permission !== 'FULL_CONTROL') continue;
    const { grantee } = grant;
    if (grantee.type === 'CanonicalUser') {
      if (principal !== undefined && grantee.id === principal) return true;
    } else if (!ignorePublic && (grantee.group === 'AllUsers' || principal !== undefined)) {
      return true;
    }
  }
  return false;
}
