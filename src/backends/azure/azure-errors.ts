import { RestError } from '@azure/storage-blob';
import { S3Error } from '../../s3/errors/s3-error';
import type { S3ErrorCode } from '../../s3/errors/s3-error-catalog';

/** What a failed call was about: a 404 without an error code (a HEAD) means the one it names is missing. */
export type AzureTarget = 'bucket' | 'object' | 'upload';

const MISSING: Readonly<Record<AzureTarget, S3ErrorCode>> = { bucket: 'NoSuchBucket', object: 'NoSuchKey', upload: 'NoSuchUpload' };

/** Azure's x-ms-error-code → S3's, after VersityGW's azErrToS3err and what Azure answers beyond it. */
const BY_AZURE_CODE: Readonly<Record<string, S3ErrorCode>> = {
  ContainerAlreadyExists: 'BucketAlreadyExists',
  ContainerBeingDeleted: 'NoSuchBucket',
  ContainerNotFound: 'NoSuchBucket',
  InvalidResourceName: 'NoSuchBucket',
  TagsTooLarge: 'InvalidTag',
  InvalidTag: 'InvalidTag',
  InvalidRange: 'InvalidRange',
  Md5Mismatch: 'BadDigest',
  InvalidMetadata: 'InvalidArgument',
  MetadataTooLarge: 'MetadataTooLarge',
  RequestBodyTooLarge: 'EntityTooLarge',
  ConditionNotMet: 'PreconditionFailed',
  BlobAlreadyExists: 'PreconditionFailed',
  ServerBusy: 'ServiceUnavailable',
  OperationTimedOut: 'RequestTimeout',
  AuthenticationFailed: 'InternalError',
};

function codeOf(error: RestError, target: AzureTarget): S3ErrorCode | undefined {
  if (error.code === 'BlobNotFound') return target === 'upload' ? 'NoSuchUpload' : 'NoSuchKey';
  if (error.code !== undefined && error.code in BY_AZURE_CODE) return BY_AZURE_CODE[error.code];
  if (error.statusCode === 404) return MISSING[target];
  if (error.statusCode === 412) return 'PreconditionFailed';
  return undefined;
}

/**
 * The S3 error for a failure of an Azure call, at the backend's edge. S3 errors (a body that failed
 * its checksum) pass through; an Azure answer S3 has no word for, or a failure that is no answer
 * (connection refused), becomes InternalError with the original kept as its cause, for the log.
 */
export function toS3Error(error: unknown, target: AzureTarget): S3Error {
  if (error instanceof S3Error) return error;
  if (error instanceof RestError) {
    const code = codeOf(error, target);
    if (code !== undefined && code !== 'InternalError') return new S3Error(code, undefined, {}, { cause: error });
  }
  const why = error instanceof Error ? error.message : String(error);
  return new S3Error('InternalError', undefined, {}, { cause: new Error(`azure: ${why}`, { cause: error }) });
}

/** Runs `call`, translating what it throws. */
export async function translated<T>(target: AzureTarget, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toS3Error(error, target);
  }
}

/** True when the failure says the thing asked for does not exist (a 404 of any code). */
export function isNotFound(error: unknown): boolean {
  return error instanceof RestError && error.statusCode === 404;
}
