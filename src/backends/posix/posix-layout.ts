/**
 * Names shared with VersityGW's posix backend (its backend/posix/posix.go and backend/meta/xattr.go),
 * so a tree written by one gateway is served by the other. Attributes live in the `user.` namespace:
 * VersityGW's meta.XattrMeta prefixes every attribute key with `user.`.
 */
export const XATTR = {
  /**
   * The ETag WITH its double quotes (VersityGW's backend.GenerateEtag formats `"<hex>"`, and the
   * multipart one `"<hex>-<n>"`). Trees written by VersityGW before that change hold it bare, so
   * readers strip quotes rather than assume either form.
   */
  etag: 'user.etag',
  contentType: 'user.content-type',
  contentEncoding: 'user.content-encoding',
  contentLanguage: 'user.content-language',
  contentDisposition: 'user.content-disposition',
  cacheControl: 'user.cache-control',
  expires: 'user.expires',
  /** Bucket ACL as VersityGW's auth.ACL JSON: see BucketAcl. */
  acl: 'user.acl',
  /** Bucket object-ownership setting as the bare enum string, e.g. `BucketOwnerEnforced`. */
  ownership: 'user.ownership',
  /** Bucket policy, the JSON document exactly as PutBucketPolicy received it (VersityGW's policykey). */
  policy: 'user.policy',
  /**
   * The public access block as JSON of its four flags (`{"BlockPublicAcls":true,...}`). VersityGW
   * has no public access block; the name follows its naming of the others.
   */
  publicAccessBlock: 'user.public-access-block',
  /**
   * A bucket's CORS configuration: the CORSConfiguration XML document as PutBucketCors received
   * it (VersityGW stores the request body as is).
   */
  cors: 'user.cors',
  /** Object tags: the JSON object of a Go map[string]string, keys sorted, as VersityGW writes it. */
  tagging: 'user.X-Amz-Tagging',
  /** Checksums JSON of VersityGW's s3response.Checksum (multipart uploads, their parts and objects). */
  checksums: 'user.checksums',
  /**
   * On an object a multipart upload made: VersityGW's backend.MpUploadMetadata, gzip'd JSON
   * `{"uploadId", "parts": [cumulative end offset of each part]}` (it also reads the JSON bare).
   * tracegw adds `checksums` (each part's, base64) where they fit; Go's decoder ignores the field.
   */
  mpMetadata: 'user.mp-metadata',
  /** The object key of a multipart upload's directory (its name is the key's sha256). */
  objectName: 'user.objname',
} as const;

/**
 * User metadata `x-amz-meta-<name>` is stored as `user.X-Amz-Meta.<name>`, the name lower-cased
 * (VersityGW's utils.GetUserMetaData lower-cases it before the backend sees it).
 */
export const USER_METADATA_XATTR_PREFIX = 'user.X-Amz-Meta.';

/**
 * VersityGW's auth.ACL, JSON-encoded by Go (field names as declared). A new bucket carries its owner
 * and one FULL_CONTROL grant to that owner (auth.UpdateACL's default grantee). A group grant has
 * Type `Group` and Access `all-users` (VersityGW's name for AllUsers) or `authenticated-users`
 * (tracegw's, for AuthenticatedUsers: VersityGW has no such group and ignores the grant). An
 * object's own ACL (tracegw's; VersityGW keeps none) is stored in the same form under the same name.
 */
export interface BucketAcl {
  Owner: string;
  Grantees: Array<{ Permission: string; Access: string; Type: string }>;
}

export function defaultBucketAcl(owner: string): BucketAcl {
  return { Owner: owner, Grantees: [{ Permission: 'FULL_CONTROL', Access: owner, Type: 'CanonicalUser' }] };
}

/** Directory objects (keys ending in `/`) have no data; their ETag is the MD5 of nothing. */
export const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
/** Content type AWS and VersityGW give a directory object when the client sent none. */
export const DIRECTORY_CONTENT_TYPE = 'application/x-directory';

/** Per-bucket directory for temporary files and multipart parts: hidden from listings, same file system as the bucket. */
export const TMP_DIR = '.sgwtmp';
export const MULTIPART_DIR = '.sgwtmp/multipart';
/** Name of the multipart subtree inside TMP_DIR. */
export const MULTIPART_SUBDIR = 'multipart';
/**
 * Inside TMP_DIR: upload directories renamed out of the multipart tree (completed or aborted)
 * whose parts are being deleted in the background. tracegw's own; start-up empties it.
 */
export const REMOVING_SUBDIR = 'removing';

/**
 * Named temporary files (when O_TMPFILE is unavailable) are `<sha256 hex of key>.<random>` in TMP_DIR,
 * the shape VersityGW's os.CreateTemp pattern gives them, so either gateway can clean up after the other.
 */
export const NAMED_TMP_FILE = /^[0-9a-f]{64}\.[0-9A-Za-z]+$/;
