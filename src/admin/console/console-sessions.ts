import type { IncomingHttpHeaders } from 'node:http';
import type { ConsoleConfig } from '../../config/gateway-config';
import type { Account } from '../../iam/account';
import { sessionCookie, sessionTokenOf } from './console-cookie';
import { claimedAccess, issueSession, sameText, verifySession, type ConsoleSession, type SessionRefusal } from './console-session-token';
import type { SignedOutSessions } from './signed-out-sessions';

/** A session whose token checked, with the account as the IAM store has it now. */
export interface SignedIn {
  account: Account;
  session: ConsoleSession;
}

/**
 * Sign-in, sign-out and session checks of the operations console, for its admin routes (through
 * Fastify) and for its pages (answered before Fastify). Accounts are looked up at every request:
 * one that is deleted, demoted or given a new secret is signed out at its next request; a session
 * signed out is refused by every process sharing the journal.
 */
export class ConsoleSessions {
  constructor(
    private readonly lookup: (access: string) => Account | undefined,
    readonly settings: ConsoleConfig,
    private readonly signedOut: SignedOutSessions,
  ) {}

  /** A new session for an admin account whose secret this is; undefined for anyone else (which, is not told). */
  signIn(access: string, secret: string, now = Date.now()): (ConsoleSession & { token: string; account: Account }) | 'not-admin' | undefined {
    const account = this.lookup(access);
    if (!account || !sameText(secret, account.secret)) return undefined;
    if (account.role !== 'admin') return 'not-admin';
    return { ...issueSession(account.access, account.secret, this.settings.sessionTtlMs, now), account };
  }

  /** The session of a request's cookie: undefined without one, a refusal for a bad or expired one. */
  sessionOf(headers: IncomingHttpHeaders, secure: boolean, now = Date.now()): SignedIn | SessionRefusal | undefined {
    const token = sessionTokenOf(headers.cookie, secure);
    if (token === undefined) return undefined;
    const access = claimedAccess(token);
    const account = access === undefined ? undefined : this.lookup(access);
    if (!account || account.role !== 'admin') return 'invalid';
    const session = verifySession(token, account.secret, now);
    if (typeof session === 'string') return session;
    return this.signedOut.isSignedOut(session.id) ? 'invalid' : { account, session };
  }

  /** The session's token is refused from now on, here and on every other worker or gateway of the journal. */
  signOut(session: Pick<ConsoleSession, 'id' | 'expiresAt'>, now = Date.now()): void {
    this.signedOut.signOut(session.id, session.expiresAt, now);
  }

  /** Set-Cookie of a new session. */
  cookieOf(token: string, secure: boolean): string {
    return sessionCookie(token, this.settings.sessionTtlMs, secure);
  }

  /** Set-Cookie that removes the session cookie. */
  clearedCookie(secure: boolean): string {
    return sessionCookie('', 0, secure);
  }
}
