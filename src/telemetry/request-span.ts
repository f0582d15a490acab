import { propagation, ROOT_CONTEXT, type Span, SpanKind } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import type { S3RequestState } from '../request/request-state';
import { ATTR, SPAN } from './attributes';
import { type ServerErrorDetails, reportServerError } from './error-reporting';
import { tracer } from './tracer';
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

function setIfDefined(span: Span, attribute: string, value: string | undefined): void {
  if (value !== undefined) span.setAttribute(attribute, value);
}

/** The root span's attributes known at its start, set one by one (no object for the SDK to copy). */
function setStartAttributes(span: Span, request: FastifyRequest, state: S3RequestState): void {
  const path = requestPath(request);
  const userAgent = request.headers['user-agent'];
  const { bucket, key } = requestResource(state);
  span.setAttribute(ATTR.httpMethod, request.method);
  span.setAttribute(ATTR.httpRequestMethod, request.method);
  span.setAttribute(ATTR.httpUrl, path);
  span.setAttribute(ATTR.urlPath, path);
  setIfDefined(span, ATTR.s3Operation, state.operation);
  setIfDefined(span, ATTR.s3Bucket, bucket);
  setIfDefined(span, ATTR.s3Key, key);
  span.setAttribute(ATTR.httpClientIp, request.ip);
  span.setAttribute(ATTR.clientAddress, request.ip);
  setIfDefined(span, ATTR.httpUserAgent, userAgent);
  setIfDefined(span, ATTR.userAgentOriginal, userAgent);
}

/**
 * Starts `S3.<Operation>`, the request's server span, as a child of the client's W3C traceparent
 * when it sent one. The S3 controller resolved the operation and target onto the request's state
 * before; where that failed (a method S3 does not have, a key too long) the span is `S3.Unknown`
 * and admission, running inside it, raises the same error again. The span goes on the request's
 * state (`rootSpan`), where the layers below find it as the parent of theirs: no context is made
 * active.
 */
export function startRequestSpan(request: FastifyRequest): Span {
  const state = request.s3;
  const parent = propagation.extract(ROOT_CONTEXT, request.headers);
  const span = tracer().startSpan(SPAN.s3(state.operation ?? UNRESOLVED_OPERATION), { kind: SpanKind.SERVER }, parent);
  state.rootSpan = span;
  // Only for spans that are kept: the ratio sampler does not look at attributes.
  if (span.isRecording()) setStartAttributes(span, request, state);
  return span;
}

/** Ends the root span with the status code that went out. */
export function endRequestSpan(span: Span, statusCode: number): void {
  if (span.isRecording()) {
    span.setAttribute(ATTR.httpStatusCode, statusCode);
    span.setAttribute(ATTR.httpResponseStatusCode, statusCode);
  }
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
