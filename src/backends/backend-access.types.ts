// The access-control settings of buckets and objects, as the Backend port stores them.

/** ACL permissions, as S3 names them. */
export type AclPermission = 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | 'FULL_CONTROL';

/** S3's two predefined groups a grant can name (their URIs end in these names). */
export type AclGroup = 'AllUsers' | 'AuthenticatedUsers';

/** Who a grant is for: a tracegw account (by access key, its canonical id) or a predefined group. */
export type AclGrantee = { type: 'CanonicalUser'; id: string } | { type: 'Group'; group: AclGroup };

export interface AclGrant {
  grantee: AclGrantee;
  permission: AclPermission;
}

/** A bucket's or object's access control list: its owner (an access key) and the grants. */
export interface AccessControlList {
  owner: string;
  grants: AclGrant[];
}

/** Put/GetBucketOwnershipControls' one rule. */
export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

const OBJECT_OWNERSHIPS: ReadonlySet<string> = new Set<ObjectOwnership>(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter']);

export function isObjectOwnership(value: string): value is ObjectOwnership {
  return OBJECT_OWNERSHIPS.has(value);
}

/** PutPublicAccessBlock's configuration, every flag present (false when the request left it out). */
export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

/**
 * Everything the access check of a request needs to know about its bucket, read in one call:
 * what the bucket's attributes hold, unparsed policy included (its compiled form is the access
 * layer's). Absent fields: the bucket has no such configuration.
 */
export interface BucketAccessConfig {
  acl: AccessControlList;
  ownership?: ObjectOwnership;
  publicAccessBlock?: PublicAccessBlock;
  /** The policy document as it was written. */
  policy?: string;
}

/** One of a bucket's access settings, written or (value undefined) removed. */
export type BucketAccessChange =
  | { kind: 'acl'; value: AccessControlList }
  | { kind: 'ownership'; value: ObjectOwnership | undefined }
  | { kind: 'publicAccessBlock'; value: PublicAccessBlock | undefined }
  | { kind: 'policy'; value: string | undefined };
