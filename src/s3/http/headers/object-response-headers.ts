import type { QueryLookup } from '../../../request/request-query';
import type { IncomingHttpHeaders } from 'node:http';
import { quoteEtag } from '../../../backends/common/etag';
import type { FastifyReply } from 'fastify';
import type { ObjectInfo, ResolvedRange } from '../../../backends/backend';
import { headerValue } from './header-value';
import { formatHttpDate } from './http-date';
import { CONTENT_HEADERS } from './object-metadata-headers';
import { writeObjectLockHeaders } from './object-lock-headers';

/** S3's default when an object was stored without a Content-Type. */
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** GET's response-* query parameters and the header each one overrides. */
const RESPONSE_OVERRIDES = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
} as const;

// Entry lists made once: every GET and HEAD walks them.
const OVERRIDE_ENTRIES = Object.entries(RESPONSE_OVERRIDES);
const CONTENT_HEADER_ENTRIES = (Object.entries(CONTENT_HEADERS) as [keyof typeof CONTENT_HEADERS, string][]).filter(([field]) => field !== 'contentType');

/** The headers GET and HEAD return for an object (and for the part of it a range selects). */
export function writeObjectHeaders(reply: FastifyReply, info: ObjectInfo, range: ResolvedRange | undefined, checksumMode: boolean): void {
  const { metadata } = info;
  reply.header('etag', quoteEtag(info.etag));
  reply.header('last-modified', formatHttpDate(info.lastModified));
  reply.header('accept-ranges', 'bytes');
  reply.header('content-type', metadata.contentType ?? DEFAULT_CONTENT_TYPE);
  for (const [field, header] of CONTENT_HEADER_ENTRIES) {
    const value = metadata[field];
    if (value !== undefined) reply.header(header, value);
  }
  for (const [name, value] of Object.entries(metadata.userMetadata)) reply.header(`x-amz-meta-${name}`, value);
  if (info.tagCount !== undefined) reply.header('x-amz-tagging-count', String(info.tagCount));
  if (info.versionId !== undefined) reply.header('x-amz-version-id', info.versionId);
  if (info.lock !== undefined) writeObjectLockHeaders(reply, info.lock);
  // Only with x-amz-checksum-mode: ENABLED, and only for the whole object: a range has no stored checksum.
  if (checksumMode && info.checksum && !range) {
    reply.header(`x-amz-checksum-${info.checksum.algorithm.toLowerCase()}`, info.checksum.value);
    reply.header('x-amz-checksum-type', info.checksum.type);
  }
  if (range) {
    reply.status(206);
    reply.header('content-range', `bytes ${range.start}-${range.end}/${range.total}`);
    reply.header('content-length', String(range.end - range.start + 1));
  } else {
    reply.header('content-length', String(info.size));
  }
}

export function writeResponseOverrides(reply: FastifyReply, query: QueryLookup): void {
  if (query.size === 0) return;
  for (const [param, header] of OVERRIDE_ENTRIES) {
    const value = query.get(param);
    if (value !== null) reply.header(header, value);
  }
}

/** x-amz-checksum-mode: ENABLED asks GET and HEAD for the object's stored checksum. */
export function checksumModeEnabled(headers: IncomingHttpHeaders): boolean {
  return headerValue(headers, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED';
}
