import type { SpanParent } from '../telemetry/with-span';
import type { AuthResult } from '../s3/auth/auth.types';
import type { S3Operation } from '../s3/s3-operations';
import type { RequestContext } from './request-context';
import type { RequestTarget } from './request-target';

/**
 * What tracegw learns about one S3 (or admin) request as it passes the layers; lives on the
 * Fastify request. Its own module, below HTTP, so that what reads it (spans, errors, access
 * checks, the operation history) depends on no HTTP code.
 */
export interface S3RequestState {
  requestId: string;
  /** 32 hex digits; from the root span when tracing is on, random otherwise. Sent as X-Trace-ID. */
  traceId: string;
  /** process.hrtime.bigint() at arrival, for durations. */
  startedAt: bigint;
  target?: RequestTarget;
  operation?: S3Operation;
  auth?: AuthResult;
  context?: RequestContext;
  /** Set by the admin API on its routes (which have no S3 operation): the name its history row carries. */
  adminOperation?: string;
  /**
   * The root span `S3.<Operation>` when the request is recorded, for the exception filter to mark. A field
   * rather than a WeakMap keyed by the state: an ephemeron per request is work for every GC.
   */
  rootSpan?: SpanParent;
  /** The error code the response carried (S3's, or the admin API's), for the operation history. */
  errorCode?: string;
}

/**
 * A request's state on arrival, every field present from the start: the layers fill them in
 * later, and each request's state keeps the one shape, so V8's lookups of its fields in every
 * layer stay monomorphic instead of following a chain of shapes grown field by field.
 */
export function newRequestState(requestId: string, traceId: string, startedAt: bigint): S3RequestState {
  return {
    requestId,
    traceId,
    startedAt,
    target: undefined,
    operation: undefined,
    auth: undefined,
    context: undefined,
    adminOperation: undefined,
    rootSpan: undefined,
    errorCode: undefined,
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    s3: S3RequestState;
  }
}
