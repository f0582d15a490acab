import { parseQuery } from '../../request/request-query';
import type { RequestTarget } from '../../request/request-target';
import { S3Error } from '../errors/s3-error';

/** S3's key limit is in bytes of the UTF-8 encoding, not characters. */
const MAX_KEY_BYTES = 1024;

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new S3Error('InvalidURI');
  }
}

/**
 * Splits a path-style request URL (`/bucket/key?query`) into the resource it names, or with
 * `hostBucket` (the bucket a virtual-hosted request's Host names) a `/key?query` one.
 * The key is everything after the first '/' following the bucket, decoded once, slashes kept as
 * they are: S3 keys may contain '//' and the backend decides what it can store.
 */
export function parseRequestTarget(rawUrl: string, hostBucket?: string): RequestTarget {
  const q = rawUrl.indexOf('?');
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = parseQuery(q === -1 ? '' : rawUrl.slice(q + 1));
  if (!rawPath.startsWith('/')) throw new S3Error('InvalidURI');
  if (hostBucket !== undefined) return { ...objectOrBucket(hostBucket, rawPath.slice(1)), query, hostBucket };

  const slash = rawPath.indexOf('/', 1);
  const rawBucket = slash === -1 ? rawPath.slice(1) : rawPath.slice(1, slash);
  if (rawBucket === '') return { resource: { level: 'service' }, query };
  const bucket = decodePathPart(rawBucket);

  return { ...objectOrBucket(bucket, slash === -1 ? '' : rawPath.slice(slash + 1)), query };
}

/** The bucket itself when the raw key is empty, else the object its decoded key names. */
function objectOrBucket(bucket: string, rawKey: string): Pick<RequestTarget, 'resource'> {
  if (rawKey === '') return { resource: { level: 'bucket', bucket } };
  const key = decodePathPart(rawKey);
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError');
  return { resource: { level: 'object', bucket, key } };
}
