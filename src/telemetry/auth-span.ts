import { ATTR, SPAN } from './attributes';
import { recorded, type SpanParent, withSpanSync } from './with-span';

/** The part of an authentication result the span reports (src/s3/auth AuthResult has it). */
export interface AuthOutcome {
  method: string;
  account?: { access: string; role: string };
}

/**
 * Runs signature verification and the account lookup inside `Auth.V4Signature` (`Auth.V2Signature`
 * when `isSigV2` says the request is signed with Signature Version 2, asked only when the span is
 * recorded), with auth.method,
 * auth.access_key, auth.role, auth.is_root and duration_ms; a refusal marks the span with its S3
 * error code, as a child of `parent` (the request's root span). With tracing off, or in a request
 * the sampler dropped, it only runs `authenticate`.
 */
export function traceAuthentication<T extends AuthOutcome>(
  parent: SpanParent,
  isRoot: (access: string) => boolean,
  authenticate: () => T,
  isSigV2: () => boolean = () => false,
): T {
  if (!recorded(parent)) return authenticate();
  return withSpanSync(parent, isSigV2() ? SPAN.authV2 : SPAN.authV4, {}, (span) => {
    const auth = authenticate();
    span.setAttribute(ATTR.authMethod, auth.method);
    if (auth.account) {
      span.setAttribute(ATTR.authAccessKey, auth.account.access);
      span.setAttribute(ATTR.authRole, auth.account.role);
      span.setAttribute(ATTR.authIsRoot, isRoot(auth.account.access));
    }
    return auth;
  });
}
