import { HttpException } from '@nestjs/common';
import { S3Error } from './s3-error';

/**
 * Turns anything thrown on the request path into the S3 error the client gets. Only S3Error
 * carries a client-facing code; everything else is an unexpected failure (InternalError) and
 * keeps its cause so it can be logged and reported.
 */
export function toS3Error(exception: unknown): S3Error {
  if (exception instanceof S3Error) return exception;
  if (exception instanceof HttpException && exception.getStatus() === 404) {
    return new S3Error('InvalidURI', undefined, {}, { cause: exception });
  }
  // Fastify's own client errors (bad URL, header overflow...) carry a 4xx statusCode.
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new S3Error('InvalidRequest', (exception as Error).message, {}, { cause: exception });
  }
  return new S3Error('InternalError', undefined, {}, { cause: exception });
}
