import { Controller, Inject, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { S3Error } from '../../s3/errors/s3-error';
import { AdminError } from '../admin-error';
import { ADMIN_ROUTES } from '../admin-routes';
import { CONSOLE_SESSIONS } from '../admin.tokens';
import { AdminAuthGuard } from '../http/admin-auth.guard';
import { AdminExceptionFilter } from '../http/admin-exception.filter';
import { AdminRoute } from '../http/admin-route.decorator';
import { readJsonBody } from '../http/read-json-body';
import { queryOf, refuseParameters, validated } from '../http/validated';
import { CONSOLE_SECURITY_HEADERS } from './console-headers';
import { isSameOrigin } from './console-origin';
import { isSecure } from './console-request-auth';
import type { ConsoleSessions } from './console-sessions';

/** The body of /console-sign-in: the secret is sent this once, over the page's own origin, and never stored. */
export class SignInBody {
  @IsString({ message: 'access must be an access key' })
  @Length(1, 128, { message: 'access must be an access key of 1 to 128 characters' })
  access!: string;

  @IsString({ message: 'secret must be a secret key' })
  @Length(1, 256, { message: 'secret must be a secret key of 1 to 256 characters' })
  secret!: string;
}

/** What the page keeps in memory after signing in. */
export interface SignInView {
  access: string;
  expiresAt: string;
  /** Sent back in the x-console-csrf header with every console request. */
  csrfToken: string;
  /** --console-trace-url, or null. */
  traceUrl: string | null;
}

/**
 * The console's sign-in and sign-out. Sign-in takes an admin account's access key and secret and
 * answers with the session cookie (HttpOnly, SameSite=Strict) and the CSRF token; a wrong secret,
 * an unknown key and a non-admin account are all refused with AccessDenied.
 */
@Controller()
@UseFilters(AdminExceptionFilter)
export class ConsoleSessionController {
  constructor(@Inject(CONSOLE_SESSIONS) private readonly sessions: ConsoleSessions) {}

  @AdminRoute(ADMIN_ROUTES.consoleSignIn)
  async signIn(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SignInView> {
    const state = request.s3;
    state.adminOperation = ADMIN_ROUTES.consoleSignIn.operation;
    reply.headers(CONSOLE_SECURITY_HEADERS);
    refuseParameters(queryOf(request.raw.url));
    const secure = isSecure(request);
    if (!isSameOrigin(request.headers, secure)) throw new S3Error('AccessDenied', 'sign in from the console page itself');
    // A cross-site form can post text/plain or a form encoding, never application/json.
    if (!request.headers['content-type']?.startsWith('application/json')) {
      throw new AdminError('MalformedJSON', 'the sign-in body must be JSON (content-type: application/json)');
    }
    const { access, secret } = validated(SignInBody, await readJsonBody(request.raw), 'field');
    const signedIn = this.sessions.signIn(access, secret);
    if (signedIn === undefined) throw new S3Error('AccessDenied', 'the access key or the secret is wrong');
    if (signedIn === 'not-admin') throw new S3Error('AccessDenied', 'only admin accounts may sign in to the console');
    state.auth = { method: 'console-session', account: signedIn.account, payload: { kind: 'unsigned' }, body: request.raw };
    reply.header('set-cookie', this.sessions.cookieOf(signedIn.token, secure));
    return {
      access: signedIn.access,
      expiresAt: new Date(signedIn.expiresAt).toISOString(),
      csrfToken: signedIn.csrfToken,
      traceUrl: this.sessions.settings.traceUrl ?? null,
    };
  }

  /**
   * The cookie goes, and the session's token is refused from now on by every worker and gateway
   * of the journal (a copy of it taken before is worth nothing). A sign-out signed with SigV4
   * rather than made by a session has no session to end: it only clears the cookie.
   */
  @AdminRoute(ADMIN_ROUTES.consoleSignOut)
  @UseGuards(AdminAuthGuard)
  signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): { signedOut: true } {
    refuseParameters(queryOf(request.raw.url));
    const session = request.s3.auth?.consoleSession;
    if (session !== undefined) this.sessions.signOut(session);
    reply.header('set-cookie', this.sessions.clearedCookie(isSecure(request)));
    return { signedOut: true };
  }
}
