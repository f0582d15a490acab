import type { QueryLookup } from '../../request/request-query';
import type { IncomingHttpHeaders } from 'node:http';
import type { S3Resource } from '../../request/request-target';
import { S3Error } from '../errors/s3-error';
import type { S3Operation } from '../s3-operations';

interface Rule {
  /** Query parameters that must all be present. */
  query?: readonly string[];
  /** A request header that must be present. */
  header?: string;
  operation: S3Operation;
}

// Ordered from most to least specific within each (level, method): the first match wins,
// the last rule of each list (no conditions) is the default.
const SERVICE_RULES: Readonly<Record<string, readonly Rule[]>> = {
  GET: [{ operation: 'ListBuckets' }],
};

const subresources = (
  pairs: ReadonlyArray<readonly [string, S3Operation]>,
): Rule[] => pairs.map(([query, operation]) => ({ query: [query], operation }));

const BUCKET_RULES: Readonly<Record<string, readonly Rule[]>> = {
  GET: [
    ...subresources([
      ['location', 'GetBucketLocation'],
      ['uploads', 'ListMultipartUploads'],
      ['versions', 'ListObjectVersions'],
      ['acl', 'GetBucketAcl'],
      ['policyStatus', 'GetBucketPolicyStatus'],
      ['policy', 'GetBucketPolicy'],
      ['tagging', 'GetBucketTagging'],
      ['cors', 'GetBucketCors'],
      ['versioning', 'GetBucketVersioning'],
      ['ownershipControls', 'GetBucketOwnershipControls'],
      ['publicAccessBlock', 'GetPublicAccessBlock'],
      ['object-lock', 'GetObjectLockConfiguration'],
      ['lifecycle', 'GetBucketLifecycleConfiguration'],
      ['website', 'GetBucketWebsite'],
      ['encryption', 'GetBucketEncryption'],
      ['logging', 'GetBucketLogging'],
      ['notification', 'GetBucketNotificationConfiguration'],
      ['replication', 'GetBucketReplication'],
      ['requestPayment', 'GetBucketRequestPayment'],
      ['accelerate', 'GetBucketAccelerateConfiguration'],
    ]),
    { query: ['list-type'], operation: 'ListObjectsV2' },
    { operation: 'ListObjects' },
  ],
  HEAD: [{ operation: 'HeadBucket' }],
  PUT: [
    ...subresources([
      ['acl', 'PutBucketAcl'],
      ['policy', 'PutBucketPolicy'],
      ['tagging', 'PutBucketTagging'],
      ['cors', 'PutBucketCors'],
      ['versioning', 'PutBucketVersioning'],
      ['ownershipControls', 'PutBucketOwnershipControls'],
      ['publicAccessBlock', 'PutPublicAccessBlock'],
      ['object-lock', 'PutObjectLockConfiguration'],
      ['lifecycle', 'PutBucketLifecycleConfiguration'],
      ['website', 'PutBucketWebsite'],
      ['encryption', 'PutBucketEncryption'],
      ['logging', 'PutBucketLogging'],
      ['notification', 'PutBucketNotificationConfiguration'],
      ['replication', 'PutBucketReplication'],
      ['requestPayment', 'PutBucketRequestPayment'],
      ['accelerate', 'PutBucketAccelerateConfiguration'],
    ]),
    { operation: 'CreateBucket' },
  ],
  // A POST to the bucket itself is a browser upload (its form names the key).
  POST: [{ query: ['delete'], operation: 'DeleteObjects' }, { operation: 'PostObject' }],
  DELETE: [
    ...subresources([
      ['policy', 'DeleteBucketPolicy'],
      ['tagging', 'DeleteBucketTagging'],
      ['cors', 'DeleteBucketCors'],
      ['ownershipControls', 'DeleteBucketOwnershipControls'],
      ['publicAccessBlock', 'DeletePublicAccessBlock'],
      ['lifecycle', 'DeleteBucketLifecycle'],
      ['website', 'DeleteBucketWebsite'],
      ['encryption', 'DeleteBucketEncryption'],
      ['replication', 'DeleteBucketReplication'],
    ]),
    { operation: 'DeleteBucket' },
  ],
  OPTIONS: [{ operation: 'PreflightRequest' }],
};

const OBJECT_RULES: Readonly<Record<string, readonly Rule[]>> = {
  GET: [
    { query: ['uploadId'], operation: 'ListParts' },
    ...subresources([
      ['acl', 'GetObjectAcl'],
      ['tagging', 'GetObjectTagging'],
      ['attributes', 'GetObjectAttributes'],
      ['retention', 'GetObjectRetention'],
      ['legal-hold', 'GetObjectLegalHold'],
      ['torrent', 'GetObjectTorrent'],
    ]),
    { operation: 'GetObject' },
  ],
  HEAD: [{ operation: 'HeadObject' }],
  PUT: [
    { query: ['partNumber', 'uploadId'], header: 'x-amz-copy-source', operation: 'UploadPartCopy' },
    { query: ['partNumber', 'uploadId'], operation: 'UploadPart' },
    ...subresources([
      ['acl', 'PutObjectAcl'],
      ['tagging', 'PutObjectTagging'],
      ['retention', 'PutObjectRetention'],
      ['legal-hold', 'PutObjectLegalHold'],
    ]),
    { header: 'x-amz-copy-source', operation: 'CopyObject' },
    { operation: 'PutObject' },
  ],
  POST: [
    { query: ['uploads'], operation: 'CreateMultipartUpload' },
    { query: ['uploadId'], operation: 'CompleteMultipartUpload' },
    { query: ['restore'], operation: 'RestoreObject' },
    { query: ['select'], operation: 'SelectObjectContent' },
  ],
  DELETE: [
    { query: ['uploadId'], operation: 'AbortMultipartUpload' },
    { query: ['tagging'], operation: 'DeleteObjectTagging' },
    { operation: 'DeleteObject' },
  ],
  OPTIONS: [{ operation: 'PreflightRequest' }],
};

const RULES_BY_LEVEL = { service: SERVICE_RULES, bucket: BUCKET_RULES, object: OBJECT_RULES } as const;

/** Maps method + resource + query + headers to the one S3 operation the request asks for. */
export function resolveOperation(
  method: string,
  resource: S3Resource,
  query: QueryLookup,
  headers: IncomingHttpHeaders,
): S3Operation {
  const rules = RULES_BY_LEVEL[resource.level][method];
  if (rules !== undefined) {
    // Plain loops: every request walks a dozen rules, and callbacks would allocate for each.
    for (let r = 0; r < rules.length; r++) if (matches(rules[r], query, headers)) return rules[r].operation;
  }
  throw new S3Error('MethodNotAllowed');
}

function matches(rule: Rule, query: QueryLookup, headers: IncomingHttpHeaders): boolean {
  if (rule.header !== undefined && headers[rule.header] === undefined) return false;
  const names = rule.query;
  if (names === undefined) return true;
  // A request without a query (most objects) matches no rule that names one.
  if (query.size === 0) return false;
  for (let n = 0; n < names.length; n++) if (!query.has(names[n])) return false;
  return true;
}
