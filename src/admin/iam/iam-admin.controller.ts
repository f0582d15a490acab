import { HttpCode, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IAM_STORE, IamError, IamStore } from '../../iam/iam.port';
import { ADMIN_ROUTES } from '../admin-routes';
import { AdminController } from '../http/admin-controller.decorator';
import { AdminRoute } from '../http/admin-route.decorator';
import { readRequestJson } from '../http/read-json-body';
import { queryOf, refuseParameters, validated } from '../http/validated';
import { AccessQuery, accountView, CreateUserBody, UpdateUserBody, type AccountView } from './account.dto';

/**
 * Accounts, as VersityGW's admin API manages them. Every change is an event appended to the
 * journal (by the IAM store), carrying the request's trace id.
 */
@AdminController()
export class IamAdminController {
  constructor(@Inject(IAM_STORE) private readonly iam: IamStore) {}

  @AdminRoute(ADMIN_ROUTES.createUser)
  @HttpCode(201)
  async createUser(@Req() request: FastifyRequest): Promise<{ account: AccountView }> {
    const body = validated(CreateUserBody, await readRequestJson(request), 'field');
    this.iam.createAccount(body, request.s3.traceId);
    return { account: this.current(body.access) };
  }

  @AdminRoute(ADMIN_ROUTES.updateUser)
  async updateUser(@Req() request: FastifyRequest): Promise<{ account: AccountView }> {
    const { access } = validated(AccessQuery, queryOf(request.raw.url), 'parameter');
    const body = validated(UpdateUserBody, await readRequestJson(request), 'field');
    this.iam.updateAccount(access, body, request.s3.traceId);
    return { account: this.current(access) };
  }

  @AdminRoute(ADMIN_ROUTES.deleteUser)
  deleteUser(@Req() request: FastifyRequest): { deleted: string } {
    const { access } = validated(AccessQuery, queryOf(request.raw.url), 'parameter');
    this.iam.deleteAccount(access, request.s3.traceId);
    return { deleted: access };
  }

  @AdminRoute(ADMIN_ROUTES.listUsers)
  listUsers(@Req() request: FastifyRequest): { accounts: AccountView[] } {
    refuseParameters(queryOf(request.raw.url));
    return { accounts: this.iam.listAccounts().map(accountView) };
  }

  private current(access: string): AccountView {
    const account = this.iam.getAccount(access);
    if (!account) throw new IamError('NoSuchAccount', `account ${access} does not exist`);
    return accountView(account);
  }
}
