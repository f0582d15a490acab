import type { AccessControlList, AclGrant, AclGrantee } from '../../backends/backend';
import type { IamStore } from '../../iam/iam.port';
import { S3Error, invalidArgument } from '../../s3/errors/s3-error';
import type { AclRequest, GranteeSpec } from './acl-request';

const GROUP_URIS: Readonly<Record<string, AclGrantee>> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': { type: 'Group', group: 'AllUsers' },
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': { type: 'Group', group: 'AuthenticatedUsers' },
};

/** Who the ACL is about: its owner, and (for object ACLs) the bucket's owner the bucket-owner-* ACLs name. */
export interface AclParties {
  owner: string;
  bucketOwner: string;
}

const ALL_USERS: AclGrantee = { type: 'Group', group: 'AllUsers' };
const AUTHENTICATED: AclGrantee = { type: 'Group', group: 'AuthenticatedUsers' };

/** AWS's canned ACLs, each the owner's FULL_CONTROL plus what its name says. */
function cannedGrants(canned: string, { owner, bucketOwner }: AclParties): AclGrant[] {
  const full: AclGrant = { grantee: { type: 'CanonicalUser', id: owner }, permission: 'FULL_CONTROL' };
  switch (canned) {
    case 'private':
      return [full];
    case 'public-read':
      return [full, { grantee: ALL_USERS, permission: 'READ' }];
    case 'public-read-write':
      return [full, { grantee: ALL_USERS, permission: 'READ' }, { grantee: ALL_USERS, permission: 'WRITE' }];
    case 'authenticated-read':
      return [full, { grantee: AUTHENTICATED, permission: 'READ' }];
    case 'bucket-owner-read':
      return owner === bucketOwner ? [full] : [full, { grantee: { type: 'CanonicalUser', id: bucketOwner }, permission: 'READ' }];
    case 'bucket-owner-full-control':
      return owner === bucketOwner ? [full] : [full, { grantee: { type: 'CanonicalUser', id: bucketOwner }, permission: 'FULL_CONTROL' }];
    default:
      throw invalidArgument(`${canned} is not a valid canned ACL`, 'x-amz-acl', canned);
  }
}

/** A grantee must be a tracegw account or one of S3's two groups; an email address names nobody here. */
function granteeOf(spec: GranteeSpec, iam: IamStore): AclGrantee {
  switch (spec.kind) {
    case 'id':
      if (iam.getAccount(spec.id) === undefined) throw invalidArgument('Invalid id', 'CanonicalUser/ID', spec.id);
      return { type: 'CanonicalUser', id: spec.id };
    case 'uri': {
      const group = GROUP_URIS[spec.uri];
      if (group === undefined) throw invalidArgument('Invalid group uri', 'Group/URI', spec.uri);
      return group;
    }
    case 'email':
      throw new S3Error('UnresolvableGrantByEmailAddress');
  }
}

/**
 * The ACL a request asks for, checked: canned ACLs expanded, every grantee an account or a group
 * (InvalidArgument otherwise, as AWS answers for an unknown canonical id), a document's Owner the
 * resource's owner. Grant headers and documents give exactly their grants, as in AWS (the owner
 * keeps its rights as owner, not through a grant).
 */
export function resolveAcl(request: AclRequest, parties: AclParties, iam: IamStore): AccessControlList {
  if (request.kind === 'canned') return { owner: parties.owner, grants: cannedGrants(request.canned, parties) };
  if (request.kind === 'document' && request.owner !== parties.owner) throw invalidArgument('Invalid id', 'CanonicalUser/ID', request.owner);
  return { owner: parties.owner, grants: request.grants.map(({ grantee, permission }) => ({ grantee: granteeOf(grantee, iam), permission })) };
}

/** The ACL BucketOwnerEnforced still accepts: nothing but the owner's FULL_CONTROL (private, bucket-owner-full-control). */
export function isOwnerOnlyAcl(acl: AccessControlList): boolean {
  return acl.grants.every((g) => g.grantee.type === 'CanonicalUser' && g.grantee.id === acl.owner && g.permission === 'FULL_CONTROL');
}
