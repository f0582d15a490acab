import type { Readable } from 'node:stream';

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

export interface BucketInput {
  bucket: string;
}

export interface CreateBucketInput extends BucketInput {
  owner: string;
}

export interface ObjectInput extends BucketInput {
  key: string;
}

export interface PutObjectInput extends ObjectInput {
  /** Payload already decoded and verified by the auth layer (aws-chunked removed); errors if verification fails at end. */
  body: Readable;
  /** Decoded length in bytes; the body must deliver exactly this many (IncompleteBody otherwise). */
  contentLength: number;
  /** Decoded Content-MD5 (16 bytes) when the client sent one: BadDigest when the data differs. */
  contentMd5?: Buffer;
  metadata: ObjectMetadata;
}

export interface PutObjectOutput {
  etag: string;
}

export interface GetObjectInput extends ObjectInput {
  range?: RangeRequest;
  conditions: ReadConditions;
}

export interface GetObjectOutput {
  info: ObjectInfo;
  /** Present for a ranged read that was satisfiable. */
  range?: ResolvedRange;
  body: Readable;
}

export interface HeadObjectInput extends ObjectInput {
  range?: RangeRequest;
  conditions: ReadConditions;
}

export interface HeadObjectOutput {
  info: ObjectInfo;
  range?: ResolvedRange;
}

export interface ListObjectsInput extends BucketInput {
  prefix: string;
  delimiter: string;
  /** Keys up to and including this one are skipped (marker, start-after or the decoded continuation token). */
  marker: string;
  /** 0..1000; 0 returns nothing and IsTruncated false. */
  maxKeys: number;
}

export interface ObjectSummary {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
}

export interface ListObjectsOutput {
  objects: ObjectSummary[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned, when truncated: the next page starts after it. */
  nextMarker?: string;
}
