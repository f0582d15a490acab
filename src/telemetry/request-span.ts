import { type Attributes, propagation, ROOT_CONTEXT, type SpanContext, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import type { S3RequestState } from '../request/request-state';
import { ATTR, SPAN } from './attributes';
import { type ServerErrorDetails, reportServerError } from './error-reporting';
import { setHttpStatus } from './http-status';
import type { RecordingSpan } from './recording-span';
import type { SpanRecorder } from './span-recorder';
import { recordFailure } from './with-span';

/** Names a request whose operation could not be told (bad URL, unknown method). */
const UNRESOLVED_OPERATION = 'Unknown';

/** The path only: a query can hold a presigned URL's signature and credential. */
export function requestPath(request: FastifyRequest): string {
  const url = request.raw.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Bucket and key the request names, when it names them. */
export function requestResource(state: S3RequestState): { bucket?: string; key?: string } {
  const resource = state.target?.resource;
  if (!resource || resource.level === 'service') return {};
  return resource.level === 'object' ? { bucket: resource.bucket, key: resource.key } : { bucket: resource.bucket };
}

/** The root span's attributes known at its start, in one object that becomes the span's own. */
function startAttributes(request: FastifyRequest, state: S3RequestState): Attributes {
  const path = requestPath(request);
  const userAgent = request.headers['user-agent'];
  const { bucket, key } = requestResource(state);
  // Unknown values stay undefined: the serialiser leaves them out.
  return {
    [ATTR.httpMethod]: request.method,
    [ATTR.httpRequestMethod]: request.method,
    [ATTR.httpUrl]: path,
    [ATTR.urlPath]: path,
    [ATTR.s3Operation]: state.operation,
    [ATTR.s3Bucket]: bucket,
    [ATTR.s3Key]: key,
    [ATTR.httpClientIp]: request.ip,
    [ATTR.clientAddress]: request.ip,
    [ATTR.httpUserAgent]: userAgent,
    [ATTR.userAgentOriginal]: userAgent,
  };
}

/** The client's span from a valid W3C traceparent, if it sent one. */
function remoteParent(request: FastifyRequest): SpanContext | undefined {
  if (request.headers.traceparent === undefined) return undefined;
  return trace.getSpanContext(propagation.extract(ROOT_CONTEXT, request.headers));
}

/**
 * Decides once, at the root, whether the request is recorded, and if so starts `S3.<Operation>`,
 * its server span: parent-based over the trace-id ratio of --otel-sample-rate. A client's valid
 * traceparent gives the request its trace id (state.traceId, hence X-Trace-ID) and decides by its
 * sampled flag; without one, the trace id the request was stamped with on arrival is kept and the
 * ratio decides on it. A request that is not recorded gets no span at all, and nothing below it
 * makes one (with-span.ts, `recorded`). The S3 controller resolved the operation and target onto
 * the request's state before; where that failed (a method S3 does not have, a key too long) the
 * span is `S3.Unknown` and admission, running inside it, raises the same error again. The span
 * goes on the request's state (`rootSpan`), where the layers below find it as the parent of
 * theirs: no context is made active.
 */
export function startRequestSpan(request: FastifyRequest, recorder: SpanRecorder): RecordingSpan | undefined {
  const state = request.s3;
  const parent = remoteParent(request);
  if (parent === undefined) {
    if (!recorder.sampleRoot(state.traceId)) return undefined;
  } else {
    state.traceId = parent.traceId;
    if ((parent.traceFlags & TraceFlags.SAMPLED) === 0) return undefined;
  }
  const span = recorder.startRoot(SPAN.s3(state.operation ?? UNRESOLVED_OPERATION), SpanKind.SERVER, state.traceId, parent, startAttributes(request, state));
  state.rootSpan = span;
  return span;
}

/** Ends the root span with the status code that went out. */
export function endRequestSpan(span: RecordingSpan, statusCode: number): void {
  setHttpStatus(span, statusCode);
  span.end();
}

/**
 * What the exception filter calls for every S3 error it renders: the root span gets status ERROR,
 * the exception and s3.error_code; server errors (5xx, unexpected failures included) go to Sentry
 * with the trace id, operation, bucket and key. Client errors (4xx) never do.
 */
export function recordRequestError(state: S3RequestState | undefined, error: { code: string; status: number; cause?: unknown }): void {
  // 304 Not Modified travels as an S3 error but is an answer, not a failure.
  if (!state || error.status < 400) return;
  const span = state.rootSpan;
  if (span?.isRecording()) {
    recordFailure(span, error);
    // An unexpected failure's own stack says where it happened.
    if (error.cause instanceof Error) span.recordException(error.cause);
  }
  if (error.status < 500) return;
  const details: ServerErrorDetails = {
    traceId: state.traceId,
    spanId: span?.spanContext().spanId,
    requestId: state.requestId,
    operation: state.operation,
    ...requestResource(state),
    status: error.status,
    code: error.code,
  };
  // An unexpected failure is reported as itself (its stack says where); an S3 error as such.
  reportServerError(error.cause ?? error, details);
}
