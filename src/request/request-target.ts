import type { RequestQuery } from './request-query';

/** Where a request points: no bucket (service), a bucket, or an object in a bucket. */
export type S3Resource = { level: 'service' } | { level: 'bucket'; bucket: string } | { level: 'object'; bucket: string; key: string };

/** What an S3 request names, as the HTTP layer parsed it from the request line. */
export interface RequestTarget {
  resource: S3Resource;
  /** The query string, parsed once for every layer. */
  query: RequestQuery;
  /** Set when the bucket came from the Host header (virtual-hosted style, --virtual-domain), not the path. */
  hostBucket?: string;
}
