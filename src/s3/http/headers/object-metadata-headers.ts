import type { IncomingHttpHeaders } from 'node:http';
import type { ObjectMetadata } from '../../../backends/backend';
import { S3Error } from '../../errors/s3-error';
import { headerValue } from './header-value';

const USER_METADATA_PREFIX = 'x-amz-meta-';
/** AWS limits user-defined metadata to 2 KB (names plus values, UTF-8). */
const MAX_USER_METADATA_BYTES = 2048;

/** The content headers S3 stores with an object and returns on GET/HEAD, by metadata field. */
export const CONTENT_HEADERS = {
  contentType: 'content-type',
  contentEncoding: 'content-encoding',
  contentDisposition: 'content-disposition',
  contentLanguage: 'content-language',
  cacheControl: 'cache-control',
  expires: 'expires',
} as const satisfies Record<Exclude<keyof ObjectMetadata, 'userMetadata'>, string>;

type ContentField = keyof typeof CONTENT_HEADERS;
// Made once: every PUT walks it.
const CONTENT_FIELDS = Object.keys(CONTENT_HEADERS) as ContentField[];

/** Reads what a PUT asks to keep with the object: content headers and x-amz-meta-*. */
export function readObjectMetadata(headers: IncomingHttpHeaders): ObjectMetadata {
  const metadata: ObjectMetadata = { userMetadata: {} };
  for (const field of CONTENT_FIELDS) {
    const value = headerValue(headers, CONTENT_HEADERS[field]);
    if (value !== undefined) metadata[field] = value;
  }
  // aws-chunked is transfer framing the gateway removed, not a content coding of the object.
  if (metadata.contentEncoding !== undefined) {
    const codings = metadata.contentEncoding.split(',').map((c) => c.trim()).filter((c) => c !== '' && c !== 'aws-chunked');
    metadata.contentEncoding = codings.length > 0 ? codings.join(',') : undefined;
    if (metadata.contentEncoding === undefined) delete metadata.contentEncoding;
  }
  let size = 0;
  // for-in rather than Object.entries: no array of every header's pair per PUT.
  for (const name in headers) {
    if (!name.startsWith(USER_METADATA_PREFIX)) continue;
    const raw = headers[name];
    if (raw === undefined) continue;
    const key = name.slice(USER_METADATA_PREFIX.length);
    const value = Array.isArray(raw) ? raw.join(',') : raw;
    size += Buffer.byteLength(key) + Buffer.byteLength(value);
    metadata.userMetadata[key] = value;
  }
  if (size > MAX_USER_METADATA_BYTES) throw new S3Error('MetadataTooLarge');
  return metadata;
}
