import type { SpanParent } from '../telemetry/with-span';
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
   * The root span `S3.<Operation>` when the request is recorded (none when tracing is off or the
   * sampler dropped it): what the command's Backend.<Operation> span is started under, explicitly.
   */
  rootSpan?: SpanParent;
}

export interface RequestTimings {
  /** Signature verification and access check, in milliseconds. */
  authMs?: number;
  /** The command's execution (handler + backend), in milliseconds. */
  backendMs?: number;
}
