import type { RequestContext } from '../../operations/request-context';
import type { AuthResult } from '../auth/auth.types';
import type { S3Operation } from '../s3-operations';
import type { RequestTarget } from './request-target';

/** What tracegw learns about one S3 request as it passes the layers; lives on the Fastify request. */
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
  /** The error code the response carried (S3's, or the admin API's), for the operation history. */
  errorCode?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    s3: S3RequestState;
  }
}
