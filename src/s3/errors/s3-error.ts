import { S3_ERROR_CATALOG, S3ErrorCode } from './s3-error-catalog';

/**
 * An error a client caused (or InternalError): rendered as S3's XML <Error> by the one
 * exception filter. `extra` carries the additional elements some codes have in AWS's XML
 * (e.g. ArgumentName for InvalidArgument, RequestTime/ServerTime for RequestTimeTooSkewed).
 */
export class S3Error extends Error {
  readonly status: number;
  /** Response headers AWS sends with this error (x-amz-delete-marker and x-amz-version-id on a delete marker's 404 and 405). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly code: S3ErrorCode,
    message?: string,
    readonly extra: Readonly<Record<string, string | number>> = {},
    options?: { cause?: unknown; headers?: Readonly<Record<string, string>> },
  ) {
    super(message ?? S3_ERROR_CATALOG[code].message, options);
    this.name = 'S3Error';
    this.status = S3_ERROR_CATALOG[code].status;
    this.headers = options?.headers ?? {};
  }

  static is(err: unknown, code?: S3ErrorCode): err is S3Error {
    return err instanceof S3Error && (code === undefined || err.code === code);
  }
}

/** InvalidArgument names the offending argument, as AWS does. */
export function invalidArgument(message: string, name: string, value: string): S3Error {
  return new S3Error('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}
