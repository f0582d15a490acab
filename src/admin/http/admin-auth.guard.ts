import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IAM_STORE, IamStore } from '../../iam/iam.port';
import { S3_SETTINGS, S3Settings } from '../../operations/s3-settings';
import type { RequestTimings } from '../../request/request-context';
import { authenticateHttpRequest } from '../../s3/auth/authenticate-http-request';
import { S3Error } from '../../s3/errors/s3-error';
import { CONSOLE_SESSIONS } from '../admin.tokens';
import { authenticateConsoleRequest } from '../console/console-request-auth';
import type { ConsoleSessions } from '../console/console-sessions';
import { ADMIN_OPERATION } from './admin-route.decorator';

/**
 * Admits a request to the admin API: SigV4, verified exactly as for S3 (header or presigned),
 * by an account whose role is admin, or the operations console's session (its cookie and CSRF
 * header, for reads only: docs/console.md). Anyone else, anonymous included, gets AccessDenied.
 * The account and timings go on `request.s3` like an S3 request's, so its history row has them.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly lookup: (access: string) => ReturnType<IamStore['getAccount']>;

  constructor(
    @Inject(IAM_STORE) iam: IamStore,
    @Inject(S3_SETTINGS) private readonly settings: S3Settings,
    @Inject(CONSOLE_SESSIONS) private readonly sessions: ConsoleSessions,
    private readonly reflector: Reflector,
  ) {
    this.lookup = (access) => iam.getAccount(access);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const state = request.s3;
    state.adminOperation = this.reflector.get<string | undefined>(ADMIN_OPERATION, context.getHandler());
    const started = performance.now();
    const timings: RequestTimings = {};
    if (!authenticateConsoleRequest(request, context.switchToHttp().getResponse(), this.sessions, state.adminOperation, timings)) {
      const auth = authenticateHttpRequest(request, this.lookup, { region: this.settings.region }, timings);
      if (auth.account?.role !== 'admin') throw new S3Error('AccessDenied', 'Only admin accounts may use the admin API');
    }
    timings.authMs = performance.now() - started;
    return true;
  }
}
