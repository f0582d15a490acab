import type { BlobHTTPHeaders } from '@azure/storage-blob';
import type { ObjectInfo, ObjectMetadata } from '../backend.types';

/**
 * Names of the blob and container metadata the gateway keeps for itself, as VersityGW's azure
 * backend names them (capitalised as it writes them; Azure answers them in either case), plus
 * tracegw's own (`Tgw...`). Read case-insensitively, by their lower-case form.
 */
export const META = {
  acl: 'Acl',
  ownership: 'Ownership',
  tags: 'Tags',
  policy: 'Policy',
  cors: 'Cors',
  publicAccessBlock: 'Publicaccessblock',
  expires: 'Vgwexpires',
  /** The S3 ETag of an object a multipart upload made (`<md5 of md5s>-<parts>`): no Content-MD5 says it. */
  etag: 'Tgwetag',
  /** On an object a multipart upload made: the upload's id, which tells recovery that its completion finished. */
  uploadId: 'Tgwuploadid',
  /** On an upload's marker blob: the key, base64 (a key may hold what no header value can). */
  key: 'Tgwkey',
  /** On an upload's marker: its checksum algorithm and type, `CRC32:COMPOSITE`. */
  checksum: 'Tgwchecksum',
  /** On a part's record: the staged block's id, the part's size and its ETag (hex MD5). */
  block: 'Tgwblock',
  size: 'Tgwsize',
} as const;

/** VersityGW's reserved names and ours: never user metadata, whatever a client sends. */
const RESERVED: ReadonlySet<string> = new Set(
  [...Object.values(META), 'Bucketlock', 'Objectretention', 'Objectlegalhold', 'Vgwwebsiteredirect', 'Objname', 'Mpmetadata', 'Zerobytesparts', 'Website'].map((name) => name.toLowerCase()),
);

/** User metadata whose name Azure cannot hold (not a C# identifier, or one of ours) goes under this prefix, its name in hex. */
const ENCODED_PREFIX = 'tgwm_';
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function storedName(name: string): string {
  return IDENTIFIER.test(name) && !RESERVED.has(name) && !name.startsWith(ENCODED_PREFIX) ? name : `${ENCODED_PREFIX}${Buffer.from(name, 'utf8').toString('hex')}`;
}

function userName(stored: string): string | undefined {
  const lower = stored.toLowerCase();
  if (lower.startsWith(ENCODED_PREFIX)) return Buffer.from(lower.slice(ENCODED_PREFIX.length), 'hex').toString('utf8');
  return RESERVED.has(lower) ? undefined : lower;
}

/** A metadata map with lower-case names, so a name reads the same however Azure cased it. */
export function lowerCased(metadata: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/** One of the gateway's own metadata values. */
export function reserved(metadata: Record<string, string> | undefined, name: (typeof META)[keyof typeof META]): string | undefined {
  return lowerCased(metadata)[name.toLowerCase()];
}

/** The blob metadata for an object's x-amz-meta-* and Expires, beside the gateway's own `extra`. */
export function blobMetadata(metadata: ObjectMetadata, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata.userMetadata)) out[storedName(name)] = value;
  if (metadata.expires !== undefined) out[META.expires] = metadata.expires;
  return { ...out, ...extra };
}

/** The gateway's own entries of a blob's metadata (names as written), to carry over to a copy or a completion. */
export function ownEntries(metadata: Record<string, string> | undefined, names: readonly string[]): Record<string, string> {
  const lower = lowerCased(metadata);
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = lower[name.toLowerCase()];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The content headers S3 keeps with an object, as Azure's blob properties. */
export function blobHeaders(metadata: ObjectMetadata): BlobHTTPHeaders {
  return {
    blobContentType: metadata.contentType,
    blobContentEncoding: metadata.contentEncoding,
    blobContentDisposition: metadata.contentDisposition,
    blobContentLanguage: metadata.contentLanguage,
    blobCacheControl: metadata.cacheControl,
  };
}

/** What GetBlobProperties, GetBlob and List Blobs say of a blob, as far as S3 needs it. */
export interface BlobDescription {
  contentLength?: number;
  contentMD5?: Uint8Array;
  etag?: string;
  lastModified?: Date;
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
  tagCount?: number;
}

/** The object's metadata back from its blob: user metadata decoded, the gateway's own left out. */
export function objectMetadata(blob: BlobDescription): ObjectMetadata {
  const userMetadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(blob.metadata ?? {})) {
    const user = userName(name);
    if (user !== undefined) userMetadata[user] = value;
  }
  const metadata: ObjectMetadata = { userMetadata };
  if (blob.contentType !== undefined) metadata.contentType = blob.contentType;
  if (blob.contentEncoding !== undefined) metadata.contentEncoding = blob.contentEncoding;
  if (blob.contentDisposition !== undefined) metadata.contentDisposition = blob.contentDisposition;
  if (blob.contentLanguage !== undefined) metadata.contentLanguage = blob.contentLanguage;
  if (blob.cacheControl !== undefined) metadata.cacheControl = blob.cacheControl;
  const expires = reserved(blob.metadata, META.expires);
  if (expires !== undefined) metadata.expires = expires;
  return metadata;
}

/**
 * The S3 ETag of a blob: a multipart upload's recorded one, else the Content-MD5 Azure keeps for a
 * blob written whole (Put Blob computes it), else, for a blob written by another client without
 * one, Azure's own ETag marked `-1` as VersityGW's convertAzureEtag does (no client takes it for an MD5).
 */
export function s3Etag(blob: BlobDescription): string {
  const recorded = reserved(blob.metadata, META.etag);
  if (recorded !== undefined) return recorded;
  if (blob.contentMD5 !== undefined && blob.contentMD5.length === 16) return Buffer.from(blob.contentMD5).toString('hex');
  return `${(blob.etag ?? '').replace(/"/g, '')}-1`;
}

export function objectInfo(key: string, blob: BlobDescription): ObjectInfo {
  const info: ObjectInfo = {
    key,
    size: blob.contentLength ?? 0,
    etag: s3Etag(blob),
    lastModified: blob.lastModified ?? new Date(0),
    metadata: objectMetadata(blob),
  };
  if (blob.tagCount !== undefined && blob.tagCount > 0) info.tagCount = blob.tagCount;
  return info;
}
