import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reportServerError } from '../../telemetry/error-reporting';
import { adminErrorResponse } from './admin-error-body';

/** Admin errors are JSON (`{"error": {...}}`), never S3's XML: the admin API's clients are scripts and its CLI. */
@Catch()
export class AdminExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('admin');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const state = request.s3;
    const { status, body, unexpected } = adminErrorResponse(exception, state?.requestId ?? '');
    if (state) state.errorCode = body.error.code;
    if (unexpected !== undefined) {
      const cause = unexpected instanceof Error ? (unexpected.stack ?? unexpected.message) : String(unexpected);
      this.logger.error(`request ${state?.requestId ?? '-'} ${state?.adminOperation ?? request.url}: ${cause}`);
      // Same rule as for S3 requests: unexpected failures reach Sentry when it is on.
      reportServerError(unexpected, {
        traceId: state?.traceId ?? '',
        requestId: state?.requestId ?? '',
        operation: state?.adminOperation,
        status,
        code: body.error.code,
      });
    }
    if (reply.sent) return;
    // A body nobody will read (refused before it was parsed): close rather than drain it.
    if (!request.raw.complete) reply.header('connection', 'close');
    reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
