import type { AccessControlList, ObjectOwnership } from './backend-access.types';
import type { CopySourceConditions, DeclaredChecksum } from './backend-multipart.types';
import type { GovernanceBypass, ObjectLock } from './backend-lock.types';
import type { Readable } from 'node:stream';
import type { S3Error } from '../s3/errors/s3-error';
import type { SpanParent } from '../telemetry/with-span';

/** Standard content headers and x-amz-meta-* kept with an object and returned on GET/HEAD. */
export interface ObjectMetadata {
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  /** Raw `Expires` header value, kept as sent (AWS echoes it back unchanged). */
  expires?: string;
  /** x-amz-meta-* without the prefix; names lower-cased as AWS stores them. */
  userMetadata: Record<string, string>;
}

export interface ObjectInfo {
  key: string;
  size: number;
  /** Hex MD5 (or `<hex>-<parts>`), without quotes. */
  etag: string;
  lastModified: Date;
  metadata: ObjectMetadata;
  /** How many tags the object has (x-amz-tagging-count), when it has any. */
  tagCount?: number;
  /** The x-amz-checksum-* the object was stored with (PutObject's, or a multipart upload's), when any. */
  checksum?: ChecksumValue & { type: ChecksumType };
  /** Its version id (x-amz-version-id): set in a versioned bucket, `null` for the null version when asked for by id. */
  versionId?: string;
  /** A delete marker: what a versioned bucket's DELETE leaves as the latest version. */
  deleteMarker?: true;
  /**
   * Its own ACL, when it has one (read with its other attributes): who owns it and whom the owner
   * lets read it. None: it is governed by its bucket's.
   */
  acl?: AccessControlList;
  /** Its retention and legal hold (x-amz-object-lock-* on GET and HEAD), when it has any. */
  lock?: ObjectLock;
}

export interface BucketInfo {
  name: string;
  creationDate: Date;
  /** Access key of the owning account. */
  owner: string;
}

/** Conditional request headers of GET/HEAD, already parsed. */
export interface ReadConditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: Date;
  ifUnmodifiedSince?: Date;
}

/** A `Range: bytes=` header as parsed, before it is resolved against the object size. */
export type RangeRequest = { kind: 'fromTo'; start: number; end?: number } | { kind: 'suffix'; length: number };

/** A range resolved against the object's size: inclusive byte offsets. */
export interface ResolvedRange {
  start: number;
  end: number;
  total: number;
}

export interface BucketInput extends TracedInput {
  bucket: string;
}

/** A bucket's versioning, once set: S3 never lets it go back to unversioned, only to Suspended. */
export type VersioningStatus = 'Enabled' | 'Suspended';

export interface BucketVersioningInput extends BucketInput {
  status: VersioningStatus;
}

export interface CreateBucketInput extends BucketInput {
  owner: string;
  /** The bucket's ACL from x-amz-acl / x-amz-grant-*; the owner's FULL_CONTROL alone when absent. */
  acl?: AccessControlList;
  /** x-amz-object-ownership; none stored when absent (ACLs stay enabled, see docs/access-control.md). */
  ownership?: ObjectOwnership;
  /** x-amz-bucket-object-lock-enabled: true: object lock on from the start, and with it versioning. */
  objectLockEnabled?: boolean;
}

/** GOVERNANCE: accounts allowed to may shorten or lift it; COMPLIANCE: nobody, root included. */
export type ObjectLockMode = 'GOVERNANCE' | 'COMPLIANCE';

/** A bucket's object lock configuration (GetObjectLockConfiguration / PutObjectLockConfiguration). */
export interface ObjectLockConfiguration {
  enabled: boolean;
  /** What every new version gets unless its request names a retention: exactly one of days and years. */
  defaultRetention?: { mode: ObjectLockMode; days?: number; years?: number };
}

export interface ObjectInput extends BucketInput {
  key: string;
}

/**
 * What every backend input carries (BucketInput extends it) for the backend's own spans
 * (Posix.IO.*, Azure.*, S3Proxy.*) to hang under: the command's Backend.<Operation> span, set on
 * the command's input by the command bus (S3Command.traceWith).
 */
export interface TracedInput {
  /** Absent, or a span that records nothing, when the request is not recorded. */
  trace?: SpanParent;
}

/**
 * Conditional writes (If-None-Match: * and If-Match on PutObject and CompleteMultipartUpload):
 * the object is written only if none is there yet, or only over the one with that ETag.
 */
export interface WriteConditions {
  /** If-None-Match: * — fails with PreconditionFailed when the key holds an object. */
  ifNoneMatch?: true;
  /** If-Match: the ETag the current object must have (NoSuchKey when there is none). */
  ifMatch?: string;
}

export interface PutObjectInput extends ObjectInput {
  /** Payload already decoded and verified by the auth layer (aws-chunked removed); errors if verification fails at end. */
  body: Readable;
  /** Decoded length in bytes; the body must deliver exactly this many (IncompleteBody otherwise), or at most this many with lengthIsMaximum. */
  contentLength: number;
  /**
   * contentLength is the most the body can deliver, not its length: a POST form's file, which ends
   * where the form's next part begins (fields may follow it). A shorter body is the object.
   */
  lengthIsMaximum?: true;
  /** Decoded Content-MD5 (16 bytes) when the client sent one: BadDigest when the data differs. */
  contentMd5?: Buffer;
  metadata: ObjectMetadata;
  /** x-amz-tagging, already checked against S3's rules. */
  tagging?: Record<string, string>;
  /** The x-amz-checksum-* (header or trailer) the body was verified against: kept with the object. */
  checksum?: DeclaredChecksum;
  writeConditions?: WriteConditions;
  /** The object's own ACL (x-amz-acl / x-amz-grant-*), when the request gave one. */
  acl?: AccessControlList;
  /** x-amz-object-lock-*: the new version's retention and legal hold (the bucket's default retention otherwise). */
  lock?: ObjectLock;
}

export interface PutObjectOutput {
  etag: string;
  /** The new version's id (x-amz-version-id), in a bucket whose versioning is enabled. */
  versionId?: string;
}

/** A request for one version of an object (?versionId=); absent: the latest. */
export interface VersionedObjectInput extends ObjectInput {
  versionId?: string;
}

/** What DeleteObject did in a versioned bucket: the version it removed or the delete marker it made. */
export interface DeleteObjectOutput {
  /** x-amz-version-id: the delete marker made, or the version removed. */
  versionId?: string;
  /** x-amz-delete-marker: true when a delete marker was made or removed. */
  deleteMarker?: true;
}

/** One entry of a Multi-Object Delete document. */
export interface ObjectToDelete extends GovernanceBypass {
  key: string;
  /** The version to remove for good; absent: the latest, which in a versioned bucket gets a delete marker. */
  versionId?: string;
}

export interface DeleteObjectsInput extends BucketInput {
  objects: ObjectToDelete[];
}

/** What happened to one key of a batch delete: what DeleteObject would have answered, or the error it met. */
export type DeletedObject = ObjectToDelete & ({ deleted: DeleteObjectOutput } | { error: S3Error });

export interface GetObjectInput extends VersionedObjectInput {
  range?: RangeRequest;
  conditions: ReadConditions;
}

export interface GetObjectOutput {
  info: ObjectInfo;
  /** Present for a ranged read that was satisfiable. */
  range?: ResolvedRange;
  /**
   * The bytes asked for: whole in memory when the object is small (one read, no stream), a span of
   * an open file when the backend has one (the HTTP layer may hand it to the kernel), else streamed.
   */
  body: Readable | Buffer | FileSpanBody;
}

/**
 * Bytes `start` .. `start + length - 1` of a file the backend opened, for the HTTP layer to send
 * with sendfile(2) where the connection allows it, without reading them through the process.
 * Either the descriptor is used and then closed, or stream() takes it over; never both.
 */
export interface FileSpanBody {
  readonly kind: 'file-span';
  readonly fd: number;
  readonly start: number;
  readonly length: number;
  /** The same bytes as a stream, which closes the descriptor at its end, on error or when destroyed. */
  stream(): Readable;
  close(): Promise<void>;
}

export function isFileSpan(body: Readable | Buffer | FileSpanBody): body is FileSpanBody {
  return (body as Partial<FileSpanBody>).kind === 'file-span';
}

export interface HeadObjectInput extends VersionedObjectInput {
  range?: RangeRequest;
  conditions: ReadConditions;
}

export interface HeadObjectOutput {
  info: ObjectInfo;
  range?: ResolvedRange;
}

/** One part of an object a multipart upload made, as GetObjectAttributes lists it and partNumber reads it. */
export interface ObjectPart {
  partNumber: number;
  size: number;
  /** The part's checksum, when the upload had an algorithm (and the record had room for it). */
  checksum?: ChecksumValue;
}

export interface GetObjectAttributesOutput {
  info: ObjectInfo;
  /**
   * The parts of an object a multipart upload made, in order; absent for an object stored whole
   * (or completed before its parts were recorded with it).
   */
  parts?: ObjectPart[];
}

export interface ListObjectsInput extends BucketInput {
  prefix: string;
  delimiter: string;
  /** Keys up to and including this one are skipped (marker, start-after or the decoded continuation token). */
  marker: string;
  /** 0..1000; 0 returns nothing and IsTruncated false. */
  maxKeys: number;
  /**
   * Read each object's own owner (the `owner` of ObjectSummary): V1 always, V2 with fetch-owner,
   * unless the bucket's ownership is BucketOwnerEnforced. Without it a listing reads no more than
   * it did before owners were listed.
   */
  fetchOwner?: boolean;
}

export interface ObjectSummary {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
  /**
   * The account its own ACL names as owner (the writer of an object written into another
   * account's bucket, see ObjectInfo.acl), when asked for (fetchOwner) and it has one; none: the
   * bucket owner's.
   */
  owner?: string;
}

export interface ListObjectsOutput {
  objects: ObjectSummary[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned, when truncated: the next page starts after it. */
  nextMarker?: string;
}

/** ListObjectsV2's request: a page resumed by an opaque token the backend issued, or after start-after. */
export interface ListObjectsV2Input extends BucketInput {
  prefix: string;
  delimiter: string;
  /** A token of this backend's own making (a backend with a native V2 listing passes its upstream's through). */
  continuationToken?: string;
  startAfter?: string;
  /** 0..1000. */
  maxKeys: number;
  fetchOwner: boolean;
}

export interface ListObjectsV2Output extends ListObjectsOutput {
  nextContinuationToken?: string;
  /** The bucket owner's access key, when fetch-owner was asked for: the owner of each object without one of its own. */
  owner?: string;
}

export interface ListObjectVersionsInput extends BucketInput {
  prefix: string;
  delimiter: string;
  /** Keys up to and including this one are skipped, unless versionIdMarker names where in its versions to resume. */
  keyMarker: string;
  versionIdMarker?: string;
  /** 0..1000: versions, delete markers and common prefixes together. */
  maxKeys: number;
  /** Read each version's own owner, as ListObjectsInput.fetchOwner. */
  fetchOwner?: boolean;
}

/** One version or delete marker of a key, as ListObjectVersions lists it. */
export interface ObjectVersionSummary extends ObjectSummary {
  versionId: string;
  isLatest: boolean;
  deleteMarker?: true;
}

export interface ListObjectVersionsOutput {
  /** In S3's order: by key, then newest first, delete markers among the versions. */
  versions: ObjectVersionSummary[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextKeyMarker?: string;
  nextVersionIdMarker?: string;
}

/* ---- Multipart uploads ---- */

/** S3's flexible checksum algorithms, as AWS names them in headers' values and XML. */
export type ChecksumAlgorithmName = 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256' | 'CRC64NVME';
/** COMPOSITE: a checksum of the parts' checksums (`<base64>-<parts>`); FULL_OBJECT: of the whole data. */
export type ChecksumType = 'COMPOSITE' | 'FULL_OBJECT';

export interface ChecksumValue {
  algorithm: ChecksumAlgorithmName;
  /** Base64 of the digest, as S3 prints it (a composite one ends in `-<parts>`). */
  value: string;
}

/** An object's tags, key → value (at most 10, S3's rules checked by the caller). */
export type TagSet = Record<string, string>;

export interface PutObjectTaggingInput extends VersionedObjectInput {
  tags: TagSet;
}

/** x-amz-metadata-directive and x-amz-tagging-directive: keep the source's, or take the request's. */
export type CopyDirective = 'COPY' | 'REPLACE';

export interface CopyObjectInput extends ObjectInput {
  /** With the version of x-amz-copy-source's ?versionId=, when named. */
  source: VersionedObjectInput;
  conditions: CopySourceConditions;
  metadataDirective: CopyDirective;
  /** The request's metadata, used with REPLACE. */
  metadata: ObjectMetadata;
  taggingDirective: CopyDirective;
  /** The request's x-amz-tagging, used with REPLACE (none: the copy has no tags). */
  tagging?: Record<string, string>;
  /** x-amz-checksum-algorithm: the copy's checksum; without it, the source's algorithm if it has one. */
  checksumAlgorithm?: ChecksumAlgorithmName;
  /** The copy's own ACL, when the request gave one (a copy never takes its source's, as in S3). */
  acl?: AccessControlList;
  /** x-amz-object-lock-* for the copy (a copy never takes its source's lock, as in S3). */
  lock?: ObjectLock;
}

export interface CopyObjectOutput {
  etag: string;
  lastModified: Date;
  /** The copy's version id, in a bucket with versioning enabled. */
  versionId?: string;
  /** x-amz-copy-source-version-id: the version copied, when the source has an id. */
  sourceVersionId?: string;
  /** Computed over the copied data (FULL_OBJECT), when the copy has a checksum. */
  checksum?: ChecksumValue & { type: ChecksumType };
}

export * from './backend-access.types';
export * from './backend-multipart.types';
export * from './bucket-configuration.types';
export * from './backend-lock.types';
