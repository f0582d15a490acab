import type { ChecksumAlgorithmName, ChecksumType, ChecksumValue, ObjectInfo, ObjectMetadata, ResolvedRange } from '../backend.types';
import { unquoteEtag } from '../common/etag';

/*
 * Object fields between tracegw's port and @aws-sdk/client-s3's shapes: metadata and content
 * headers, checksums, tags, ranges. The SDK's names are S3's own, so the mapping is one to one.
 */

/** The checksum fields of the SDK's inputs and outputs, by the algorithm S3 names. */
const CHECKSUM_FIELD = {
  CRC32: 'ChecksumCRC32',
  CRC32C: 'ChecksumCRC32C',
  SHA1: 'ChecksumSHA1',
  SHA256: 'ChecksumSHA256',
  CRC64NVME: 'ChecksumCRC64NVME',
} as const satisfies Record<ChecksumAlgorithmName, string>;

type ChecksumFields = { [F in (typeof CHECKSUM_FIELD)[ChecksumAlgorithmName]]?: string | undefined };

/** Content headers and user metadata, as the SDK's PutObject, CopyObject and CreateMultipartUpload take them. */
export interface MetadataFields {
  ContentType?: string;
  ContentEncoding?: string;
  ContentDisposition?: string;
  ContentLanguage?: string;
  CacheControl?: string;
  Expires?: Date;
  Metadata: Record<string, string>;
}

export function metadataFields(metadata: ObjectMetadata): MetadataFields {
  const expires = metadata.expires === undefined ? undefined : new Date(metadata.expires);
  return {
    ContentType: metadata.contentType,
    ContentEncoding: metadata.contentEncoding,
    ContentDisposition: metadata.contentDisposition,
    ContentLanguage: metadata.contentLanguage,
    CacheControl: metadata.cacheControl,
    // The SDK sends a Date only: an Expires that is no date is left out rather than sent as "Invalid Date".
    ...(expires !== undefined && !Number.isNaN(expires.getTime()) ? { Expires: expires } : {}),
    Metadata: metadata.userMetadata,
  };
}

/** What HeadObject and GetObject answer about an object. */
export interface ObjectHeaders extends ChecksumFields {
  ContentLength?: number;
  ContentRange?: string;
  ETag?: string;
  LastModified?: Date;
  ContentType?: string;
  ContentEncoding?: string;
  ContentDisposition?: string;
  ContentLanguage?: string;
  CacheControl?: string;
  ExpiresString?: string;
  Metadata?: Record<string, string>;
  TagCount?: number;
  ChecksumType?: string;
  VersionId?: string;
  DeleteMarker?: boolean;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The byte range a ranged GET or HEAD answered (`Content-Range: bytes start-end/total`). */
export function rangeOf(contentRange: string | undefined): ResolvedRange | undefined {
  const match = contentRange === undefined ? null : /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange);
  return match ? { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) } : undefined;
}

export function objectInfo(key: string, headers: ObjectHeaders): ObjectInfo {
  const range = rangeOf(headers.ContentRange);
  const checksum = checksumOf(headers);
  const metadata: ObjectMetadata = definedOnly({
    contentType: headers.ContentType,
    contentEncoding: headers.ContentEncoding,
    contentDisposition: headers.ContentDisposition,
    contentLanguage: headers.ContentLanguage,
    cacheControl: headers.CacheControl,
    expires: headers.ExpiresString,
    userMetadata: headers.Metadata ?? {},
  });
  return {
    key,
    size: range?.total ?? headers.ContentLength ?? 0,
    etag: unquoteEtag(headers.ETag ?? ''),
    lastModified: headers.LastModified ?? new Date(0),
    metadata,
    ...(headers.TagCount ? { tagCount: headers.TagCount } : {}),
    ...(checksum ? { checksum: { ...checksum, type: (headers.ChecksumType as ChecksumType | undefined) ?? 'FULL_OBJECT' } } : {}),
    ...(headers.VersionId !== undefined ? { versionId: headers.VersionId } : {}),
    ...(headers.DeleteMarker ? { deleteMarker: true as const } : {}),
  };
}

/** The one checksum an answer carries, if any. */
export function checksumOf(fields: ChecksumFields): ChecksumValue | undefined {
  for (const algorithm of Object.keys(CHECKSUM_FIELD) as ChecksumAlgorithmName[]) {
    const value = fields[CHECKSUM_FIELD[algorithm]];
    if (value) return { algorithm, value };
  }
  return undefined;
}

/** A checksum as the SDK's input field of its algorithm. */
export function checksumField(checksum: ChecksumValue | undefined): ChecksumFields {
  return checksum === undefined ? {} : { [CHECKSUM_FIELD[checksum.algorithm]]: checksum.value };
}

/** Tags as x-amz-tagging's query string. */
export function taggingHeader(tags: Record<string, string> | undefined): string | undefined {
  return tags === undefined || Object.keys(tags).length === 0 ? undefined : new URLSearchParams(tags).toString();
}

/** `bytes=<start>-<end>`, `bytes=<start>-` or `bytes=-<suffix>`. */
export function rangeHeader(range: { kind: 'fromTo'; start: number; end?: number } | { kind: 'suffix'; length: number } | undefined): string | undefined {
  if (range === undefined) return undefined;
  return range.kind === 'suffix' ? `bytes=-${range.length}` : `bytes=${range.start}-${range.end ?? ''}`;
}

/** x-amz-copy-source: the bucket and the key, URL-encoded but for the key's slashes, and the version. */
export function copySource(source: { bucket: string; key: string; versionId?: string }): string {
  const key = source.key.split('/').map(encodeURIComponent).join('/');
  return `${encodeURIComponent(source.bucket)}/${key}${source.versionId === undefined ? '' : `?versionId=${encodeURIComponent(source.versionId)}`}`;
}

/** An empty string is S3's "not given": the SDK leaves out an undefined field. */
export function given(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
