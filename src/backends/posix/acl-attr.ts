import type { AccessControlList, AclGrant, AclGroup, AclPermission } from '../backend.types';
import type { BucketAcl } from './posix-layout';

/** VersityGW's names of the groups in an ACL attribute's Access field. */
const GROUP_ACCESS: Readonly<Record<AclGroup, string>> = { AllUsers: 'all-users', AuthenticatedUsers: 'authenticated-users' };
const GROUP_OF_ACCESS: ReadonlyMap<string, AclGroup> = new Map(Object.entries(GROUP_ACCESS).map(([group, access]) => [access, group as AclGroup]));
const PERMISSIONS: ReadonlySet<string> = new Set<AclPermission>(['READ', 'WRITE', 'READ_ACP', 'WRITE_ACP', 'FULL_CONTROL']);

/** An ACL in the attribute's form (VersityGW's auth.ACL JSON). */
export function encodeAcl(acl: AccessControlList): Buffer {
  const stored: BucketAcl = {
    Owner: acl.owner,
    Grantees: acl.grants.map(({ grantee, permission }) =>
      grantee.type === 'Group'
        ? { Permission: permission, Access: GROUP_ACCESS[grantee.group], Type: 'Group' }
        : { Permission: permission, Access: grantee.id, Type: 'CanonicalUser' },
    ),
  };
  return Buffer.from(JSON.stringify(stored));
}

/**
 * The attribute read back; undefined when absent or unreadable. Grants this gateway does not
 * understand (an unknown group or permission) are left out rather than guessed at.
 */
export function decodeAcl(raw: Buffer | string | undefined): AccessControlList | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  let stored: Partial<BucketAcl>;
  try {
    stored = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8')) as Partial<BucketAcl>;
  } catch {
    return undefined;
  }
  if (typeof stored !== 'object' || stored === null || typeof stored.Owner !== 'string') return undefined;
  const grants: AclGrant[] = [];
  for (const entry of Array.isArray(stored.Grantees) ? stored.Grantees : []) {
    if (typeof entry?.Access !== 'string' || !PERMISSIONS.has(entry.Permission)) continue;
    const permission = entry.Permission as AclPermission;
    if (entry.Type === 'Group') {
      const group = GROUP_OF_ACCESS.get(entry.Access);
      if (group !== undefined) grants.push({ grantee: { type: 'Group', group }, permission });
    } else {
      grants.push({ grantee: { type: 'CanonicalUser', id: entry.Access }, permission });
    }
  }
  return { owner: stored.Owner, grants };
}
