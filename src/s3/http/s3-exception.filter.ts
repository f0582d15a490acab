import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordRequestError } from '../../telemetry/request-span';
import { toS3Error } from '../errors/to-s3-error';
import { errorXml } from './xml/error-xml';

/** The one place an error becomes an HTTP response: S3's XML <Error>, no body on HEAD. */
@Catch()
export class S3ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('S3');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.render(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** What the S3 controller calls for a request that failed at any layer. */
  render(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const error = toS3Error(exception);
    const state = request.s3;
    if (state) state.errorCode = error.code;
    recordRequestError(state, error);

    if (error.code === 'InternalError') {
      this.logger.error(`request ${state?.requestId ?? '-'} trace ${state?.traceId ?? '-'} ${state?.operation ?? request.method}: ${describe(error.cause)}`);
    }
    if (reply.sent || reply.raw.headersSent) {
      // A streamed body already started: the only honest signal left is a cut connection.
      reply.raw.destroy(error);
      return;
    }
    // The client may still be sending a large body nobody will read: close instead of draining it.
    if (!request.raw.complete) reply.header('connection', 'close');

    const target = state?.target?.resource;
    const bucket = target && target.level !== 'service' ? target.bucket : undefined;
    const key = target?.level === 'object' ? target.key : undefined;
    reply.status(error.status).header('content-type', 'application/xml');
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    if (request.method === 'HEAD' || error.status === 304) {
      reply.send();
      return;
    }
    const resource = request.raw.url?.split('?')[0] ?? '/';
    reply.send(errorXml(error, { resource, requestId: state?.requestId ?? '', bucket, key }));
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.stack ?? cause.message;
  return String(cause);
}
