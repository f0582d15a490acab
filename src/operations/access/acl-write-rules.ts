import type { AccessControlList, BucketAccessConfig } from '../../backends/backend';
import type { Account } from '../../iam/account';
import type { IamStore } from '../../iam/iam.port';
import { isPublicAcl } from '../../s3/access/acl-grants';
import type { BucketAccessState } from '../../s3/access/bucket-access-state';
import { S3Error } from '../../s3/errors/s3-error';
import type { AclRequest } from './acl-request';
import { isOwnerOnlyAcl, resolveAcl } from './resolve-acl';

/**
 * What a bucket's settings allow of an ACL being written to it or its objects: none but the
 * owner's own under BucketOwnerEnforced (AccessControlListNotSupported), no public grant under
 * BlockPublicAcls (AccessDenied), as AWS refuses them.
 */
export function assertAclWritable(acl: AccessControlList, state: Pick<BucketAccessConfig, 'ownership' | 'publicAccessBlock'>): void {
  if (state.ownership === 'BucketOwnerEnforced' && !isOwnerOnlyAcl(acl)) throw new S3Error('AccessControlListNotSupported');
  if (state.publicAccessBlock?.BlockPublicAcls && isPublicAcl(acl)) throw new S3Error('AccessDenied');
}

/**
 * The ACL a new object (PutObject, CopyObject, CreateMultipartUpload) is stored with, when the
 * request asks for one. Its owner is the writer, or the bucket's owner where ownership controls
 * say so (BucketOwnerEnforced always; BucketOwnerPreferred with bucket-owner-full-control). Under
 * BucketOwnerEnforced nothing is stored: the bucket owner owns every object and ACLs are off.
 */
export function newObjectAcl(request: AclRequest | undefined, state: BucketAccessState, account: Account | undefined, iam: IamStore): AccessControlList | undefined {
  if (request === undefined) return undefined;
  const bucketOwner = state.owner;
  const enforced = state.ownership === 'BucketOwnerEnforced';
  const preferred = state.ownership === 'BucketOwnerPreferred' && request.kind === 'canned' && request.canned === 'bucket-owner-full-control';
  const owner = enforced || preferred || account === undefined ? bucketOwner : account.access;
  const acl = resolveAcl(request, { owner, bucketOwner }, iam);
  assertAclWritable(acl, state);
  return enforced ? undefined : acl;
}

/**
 * The ACL of an object written without ACL headers, as AWS gives it: private to its writer, who
 * owns it, when the writer is another account than the bucket's owner and ACLs are enabled
 * (ObjectWriter, or BucketOwnerPreferred without bucket-owner-full-control). None otherwise: the
 * bucket owner's own writes, an admin's (who acts for the owner, VersityGW's role), an anonymous
 * caller's (into a public-read-write bucket) and every write under BucketOwnerEnforced belong to
 * the bucket owner and follow the bucket's ACL, as VersityGW serves every object.
 */
export function writerObjectAcl(state: Pick<BucketAccessState, 'owner' | 'ownership'>, account: Account | undefined): AccessControlList | undefined {
  if (!writesForeignObject(state, account)) return undefined;
  return { owner: account.access, grants: [{ grantee: { type: 'CanonicalUser', id: account.access }, permission: 'FULL_CONTROL' }] };
}

/** Whether what `account` writes without ACL headers is its own object, not the bucket owner's (see writerObjectAcl). */
export function writesForeignObject(state: Pick<BucketAccessState, 'owner' | 'ownership'>, account: Account | undefined): account is Account {
  return account !== undefined && account.role !== 'admin' && account.access !== state.owner && state.ownership !== 'BucketOwnerEnforced';
}
