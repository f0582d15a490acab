import type { Account } from '../iam/account';

/** Who asked and how to correlate it: carried by every command into the journal and spans. */
export interface RequestContext {
  requestId: string;
  /** Undefined for anonymous requests that an access rule let through. */
  account?: Account;
  traceId?: string;
}
