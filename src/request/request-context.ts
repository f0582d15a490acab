import type { Span } from '@opentelemetry/api';
import type { Account } from '../iam/account';

/** Who asked and how to correlate it: carried by every command into the journal and spans. */
export interface RequestContext {
  requestId: string;
  /** Undefined for anonymous requests that an access rule let through. */
  account?: Account;
  /** The W3C trace id of the request (also when tracing is off): X-Trace-ID, the journal, logs. */
  traceId: string;
  /** Filled as the request passes the layers; the journal records them. */
  timings: RequestTimings;
  /**
   * The root span `S3.<Operation>` when tracing is on (one that records nothing when the sampler
   * dropped the request): what the command's Backend.<Operation> span is started under, explicitly.
   */
  rootSpan?: Span;
}

export interface RequestTimings {
  /** Signature verification and access check, in milliseconds. */
  authMs?: number;
  /** The command's execution (handler + backend), in milliseconds. */
  backendMs?: number;
}
