import type { AclPermission } from '../../backends/backend';

/** A grantee as a request names it, before it is checked: `id="..."`, `uri="..."` or `emailAddress="..."`. */
export type GranteeSpec = { kind: 'id'; id: string } | { kind: 'uri'; uri: string } | { kind: 'email'; email: string };

export interface GrantSpec {
  grantee: GranteeSpec;
  permission: AclPermission;
}

/**
 * An ACL as a request asks for it, in one of S3's three ways: a canned ACL (x-amz-acl), grant
 * headers (x-amz-grant-*), or an AccessControlPolicy document. The HTTP layer parses it; the
 * operation resolves it against the owner and the accounts that exist.
 */
export type AclRequest =
  | { kind: 'canned'; canned: string }
  | { kind: 'grants'; grants: GrantSpec[] }
  | { kind: 'document'; owner: string; grants: GrantSpec[] };
