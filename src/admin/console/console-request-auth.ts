import type { TLSSocket } from 'node:tls';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../iam/account';
import type { RequestTimings } from '../../request/request-context';
import { S3Error } from '../../s3/errors/s3-error';
import { AdminError } from '../admin-error';
import { ADMIN_ROUTES } from '../admin-routes';
import { CONSOLE_SECURITY_HEADERS, CSRF_HEADER } from './console-headers';
import { isSameOrigin } from './console-origin';
import { sameText } from './console-session-token';
import type { ConsoleSessions } from './console-sessions';

/**
 * What a console session may do: read (what the console shows) and sign out. Changes (accounts,
 * bucket owners, rebuilds) need SigV4, as `tracegw admin` signs: a session token that leaks
 * cannot create an admin account.
 */
const CONSOLE_OPERATIONS: ReadonlySet<string> = new Set(
  [
    ADMIN_ROUTES.listOperations,
    ADMIN_ROUTES.getOperation,
    ADMIN_ROUTES.operationsSummary,
    ADMIN_ROUTES.listMultipartUploads,
    ADMIN_ROUTES.listUsers,
    ADMIN_ROUTES.listBuckets,
    ADMIN_ROUTES.consoleSignOut,
  ].map((route) => route.operation),
);

/** True when the request is over TLS: the cookie is then the `__Host-` one, and Secure. */
export function isSecure(request: FastifyRequest): boolean {
  return (request.raw.socket as Partial<TLSSocket>).encrypted === true;
}

/** A request that carries SigV4 (or SigV2) credentials: the admin API's own authentication applies, not the console's. */
function isSigned(request: FastifyRequest): boolean {
  if (request.headers.authorization !== undefined) return true;
  const url = request.raw.url ?? '';
  return url.includes('Signature=') || url.includes('AWSAccessKeyId=');
}

/**
 * The admin account of a console request (session cookie + CSRF header), recorded on
 * `request.s3` as a signature's account is; undefined when the request is not the console's (no
 * cookie, or signed), for SigV4 to decide. A console request that fails any rule is refused here:
 * another site's, a write, a bad or expired token, a missing or wrong CSRF token.
 */
export function authenticateConsoleRequest(
  request: FastifyRequest,
  reply: FastifyReply,
  sessions: ConsoleSessions,
  operation: string | undefined,
  timings: RequestTimings,
): Account | undefined {
  if (isSigned(request)) return undefined;
  const secure = isSecure(request);
  const signedIn = sessions.sessionOf(request.headers, secure);
  if (signedIn === undefined) {
    // The page's request after the browser dropped the cookie (its Max-Age is the session's): ended, not forbidden.
    if (request.headers[CSRF_HEADER] !== undefined) throw new AdminError('ConsoleSessionExpired', 'the console session has ended: sign in again');
    return undefined;
  }
  reply.headers(CONSOLE_SECURITY_HEADERS);
  if (!isSameOrigin(request.headers, secure)) throw new S3Error('AccessDenied', 'console requests must come from the console page itself');
  if (operation === undefined || !CONSOLE_OPERATIONS.has(operation)) {
    throw new S3Error('AccessDenied', 'the console only reads; change accounts and bucket owners with tracegw admin (SigV4)');
  }
  if (signedIn === 'expired') throw new AdminError('ConsoleSessionExpired', 'the console session has expired: sign in again');
  if (signedIn === 'invalid') throw new AdminError('InvalidConsoleSession', 'the console session is not valid (signed out, or the account changed): sign in again');
  const csrf = request.headers[CSRF_HEADER];
  if (typeof csrf !== 'string' || !sameText(csrf, signedIn.session.csrfToken)) {
    throw new AdminError('InvalidCsrfToken', `the ${CSRF_HEADER} header is missing or is not this session's`);
  }
  const state = request.s3;
  const { id, expiresAt } = signedIn.session;
  state.auth = { method: 'console-session', account: signedIn.account, consoleSession: { id, expiresAt }, payload: { kind: 'unsigned' }, body: request.raw };
  state.context = { requestId: state.requestId, traceId: state.traceId, account: signedIn.account, timings, rootSpan: state.rootSpan };
  return signedIn.account;
}
