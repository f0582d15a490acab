import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { endRequestSpan, requestPath, startRequestSpan } from './request-span';
import { requestLoggingActive, tracingActive } from './telemetry-state';
import { elapsedMs } from './with-span';

export const TRACE_ID_HEADER = 'x-trace-id';

/**
 * Outermost layer of every S3 request: opens the root span `S3.<Operation>` before admission runs
 * (so authentication is its child), makes the span's trace id the request's (X-Trace-ID, the
 * request context, hence the journal row), and ends the span when the response has gone out,
 * streamed bodies included. With --debug it logs each request with its trace id. With tracing
 * and debug both off it steps aside at the cost of two checks. A request the sampler dropped gets
 * its trace id and X-Trace-ID, and nothing else: no listener, no child span. No request runs in an
 * OpenTelemetry context: the root span waits on the request's state for the layers below, which
 * parent their spans on it explicitly (with-span.ts says why).
 *
 * An interceptor of the S3 controller's own rather than a Nest one: Nest's interceptor chain
 * (rxjs defer + AsyncResource.bind + lastValueFrom per interceptor) cost about 50 µs a request,
 * half of what a whole 4 KiB GET may take (docs/performance.md).
 */
@Injectable()
export class S3TracingInterceptor {
  private readonly logger = new Logger('S3');

  /** `next` is the rest of the request, taking the request and reply rather than closing over them. */
  intercept(request: FastifyRequest, reply: FastifyReply, next: (request: FastifyRequest, reply: FastifyReply) => Promise<void>): Promise<void> {
    const tracing = tracingActive();
    const debug = requestLoggingActive();
    if (!tracing && !debug) return next(request, reply);

    const started = performance.now();
    const span = tracing ? startRequestSpan(request) : undefined;
    if (span) {
      // The onRequest hook drew a random id; the trace's own id replaces it before anything uses it.
      const { traceId } = span.spanContext();
      request.s3.traceId = traceId;
      reply.header(TRACE_ID_HEADER, traceId);
    }
    const recorded = span?.isRecording() === true;
    // A span that records nothing has nothing to end.
    if (!recorded && !debug) return next(request, reply);
    reply.raw.once('close', () => {
      const status = reply.raw.statusCode;
      if (recorded) endRequestSpan(span, status);
      if (debug) this.logger.debug(requestLine(request, status, elapsedMs(started)));
    });
    return next(request, reply);
  }
}

/** `GET /bucket/key GetObject 200 1.234 ms trace_id=… request_id=…`; the query is left out (signatures). */
function requestLine(request: FastifyRequest, status: number, ms: number): string {
  const { operation, traceId, requestId } = request.s3;
  return `${request.method} ${requestPath(request)} ${operation ?? '-'} ${status} ${ms} ms trace_id=${traceId} request_id=${requestId}`;
}
