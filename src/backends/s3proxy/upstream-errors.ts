import { S3Error } from '../../s3/errors/s3-error';
import { S3_ERROR_CATALOG, type S3ErrorCode } from '../../s3/errors/s3-error-catalog';

/** What the upstream's answer was about, for the errors a HEAD (which has no body) can only give as a status. */
export type UpstreamTarget = 'bucket' | 'object' | 'upload';

/** What @aws-sdk/client-s3 throws for an upstream error response: its code as `name`, the HTTP status in $metadata. */
interface ServiceFailure {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

function isServiceFailure(error: unknown): error is ServiceFailure {
  return error instanceof Error && typeof (error as Partial<ServiceFailure>).$metadata === 'object';
}

function isCatalogued(code: string): code is S3ErrorCode {
  return Object.prototype.hasOwnProperty.call(S3_ERROR_CATALOG, code);
}

/** A HEAD's bodiless error, by its status: what AWS's XML would have said for the same request. */
const BY_STATUS: Readonly<Record<number, S3ErrorCode>> = { 304: 'NotModified', 400: 'InvalidRequest', 403: 'AccessDenied', 405: 'MethodNotAllowed', 412: 'PreconditionFailed', 416: 'InvalidRange' };
const NOT_FOUND: Readonly<Record<UpstreamTarget, S3ErrorCode>> = { bucket: 'NoSuchBucket', object: 'NoSuchKey', upload: 'NoSuchUpload' };

/** The delete-marker headers AWS sends with the 404 and 405 of a delete marker, passed on as the upstream sent them. */
function deleteMarkerHeaders(failure: ServiceFailure): Record<string, string> {
  const headers = failure.$response?.headers ?? {};
  const out: Record<string, string> = {};
  for (const name of ['x-amz-delete-marker', 'x-amz-version-id']) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * The upstream's error as the same S3 error to tracegw's client: its code and message when tracegw's
 * catalog knows the code (the status follows from it), else by the HTTP status; anything else (a
 * connection refused, a code tracegw has no entry for) is InternalError with the cause kept for the log.
 */
export function fromUpstream(error: unknown, target: UpstreamTarget): S3Error {
  if (error instanceof S3Error) return error;
  if (!isServiceFailure(error)) return new S3Error('InternalError', undefined, {}, { cause: error });
  const headers = deleteMarkerHeaders(error);
  if (isCatalogued(error.name)) return new S3Error(error.name, error.message || undefined, {}, { cause: error, headers });
  const status = error.$metadata?.httpStatusCode;
  if (status === 404) return new S3Error(NOT_FOUND[target], undefined, {}, { cause: error, headers });
  const code = status === undefined ? undefined : BY_STATUS[status];
  return new S3Error(code ?? 'InternalError', undefined, {}, { cause: error, headers });
}
