import type { IncomingHttpHeaders } from 'node:http';
import type { VersionedObjectInput } from '../../../backends/backend';
import { invalidArgument } from '../../errors/s3-error';
import { headerValue } from './header-value';

const COPY_SOURCE_MESSAGE = 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey.';

/**
 * x-amz-copy-source of CopyObject and UploadPartCopy: `[/]bucket/key[?versionId=...]`,
 * URL-encoded; the version is checked by the backend, which knows what its ids look like.
 */
export function readCopySource(headers: IncomingHttpHeaders): VersionedObjectInput {
  const raw = headerValue(headers, 'x-amz-copy-source') ?? '';
  const q = raw.indexOf('?');
  const pathPart = (q === -1 ? raw : raw.slice(0, q)).replace(/^\//, '');
  const versionId = q === -1 ? null : new URLSearchParams(raw.slice(q + 1)).get('versionId');
  if (versionId === '') throw invalidArgument('Version id cannot be the empty string', 'x-amz-copy-source', raw);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    throw invalidArgument(COPY_SOURCE_MESSAGE, 'x-amz-copy-source', raw);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw invalidArgument(COPY_SOURCE_MESSAGE, 'x-amz-copy-source', raw);
  const source = { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
  return versionId === null ? source : { ...source, versionId };
}
