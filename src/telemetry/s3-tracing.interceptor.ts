import type { ServerResponse } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { endRequestSpan, requestPath, startRequestSpan } from './request-span';
import type { RecordingSpan } from './recording-span';
import { activeRecorder, requestLoggingActive } from './telemetry-state';
import { elapsedMs } from './with-span';

export const TRACE_ID_HEADER = 'x-trace-id';

/**
 * Outermost layer of every S3 request: decides whether the request is recorded and if so opens
 * the root span `S3.<Operation>` before admission runs (so authentication is its child), takes a
 * client's traceparent's trace id as the request's (X-Trace-ID, the request context, hence the
 * journal row), and ends the span when the response has gone out, streamed bodies included. With
 * --debug it logs each request with its trace id. With tracing and debug both off it steps aside
 * at the cost of two checks. A request the sampler dropped keeps its trace id and X-Trace-ID, and
 * gets nothing else: no span, no listener, no child span. No request runs in an OpenTelemetry
 * context: the root span waits on the request's state for the layers below, which parent their
 * spans on it explicitly (with-span.ts says why).
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
    const recorder = activeRecorder();
    const debug = requestLoggingActive();
    if (recorder === undefined && !debug) return next(request, reply);

    let span: RecordingSpan | undefined;
    if (recorder !== undefined) {
      const stamped = request.s3.traceId;
      span = startRequestSpan(request, recorder);
      // A client's traceparent names the trace: it replaces the id the request was stamped with.
      if (request.s3.traceId !== stamped) reply.header(TRACE_ID_HEADER, request.s3.traceId);
    }
    // A request that records nothing has nothing to end.
    if (span === undefined && !debug) return next(request, reply);
    if (!debug) {
      const response: SpannedResponse = reply.raw;
      response[ROOT_SPAN] = span;
      response.on('close', endRootSpanOnClose);
      return next(request, reply);
    }
    const started = performance.now();
    reply.raw.once('close', () => {
      const status = reply.raw.statusCode;
      if (span !== undefined) endRequestSpan(span, status);
      if (debug) this.logger.debug(requestLine(request, status, elapsedMs(started)));
    });
    return next(request, reply);
  }
}

/** The root span a raw response ends when it closes, parked on it by `intercept`. */
const ROOT_SPAN = Symbol('tracegw.rootSpan');
type SpannedResponse = ServerResponse & { [ROOT_SPAN]?: RecordingSpan };

/**
 * One listener function for every traced request's 'close' (streamed bodies included): the span
 * waits on the response, so no closure is made per request. Ended once, and not kept alive by
 * its response.
 */
function endRootSpanOnClose(this: SpannedResponse): void {
  const span = this[ROOT_SPAN];
  if (span === undefined) return;
  this[ROOT_SPAN] = undefined;
  endRequestSpan(span, this.statusCode);
}

/** `GET /bucket/key GetObject 200 1.234 ms trace_id=… request_id=…`; the query is left out (signatures). */
function requestLine(request: FastifyRequest, status: number, ms: number): string {
  const { operation, traceId, requestId } = request.s3;
  return `${request.method} ${requestPath(request)} ${operation ?? '-'} ${status} ${ms} ms trace_id=${traceId} request_id=${requestId}`;
}
