import { All, Controller, Inject, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { S3CommandBus } from '../../operations/s3-command-bus';
import { S3TracingInterceptor } from '../../telemetry/s3-tracing.interceptor';
import { S3Error } from '../errors/s3-error';
import { S3ExceptionFilter } from '../errors/s3-exception.filter';
import { S3AdmissionInterceptor } from './s3-admission.interceptor';
import { ROUTE_TABLE } from './route-table.token';
import type { RouteTable } from './routes/route-table';
import type { S3HttpRequest } from './routes/s3-route';

/**
 * Every S3 request lands here after admission: the operation's route turns it into a command,
 * the command bus runs it, the route renders the result. One path for all operations.
 */
// Bound here, not globally: the admin API has its own authentication and JSON errors.
@Controller()
// Tracing first: authentication must run inside the request's root span.
@UseInterceptors(S3TracingInterceptor, S3AdmissionInterceptor)
@UseFilters(S3ExceptionFilter)
export class S3Controller {
  constructor(
    private readonly bus: S3CommandBus,
    @Inject(ROUTE_TABLE) private readonly routes: RouteTable,
  ) {}

  @All(['/', '*'])
  async handle(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { operation, target, auth, context } = request.s3;
    const route = operation && this.routes.get(operation);
    if (!route || !target || !auth || !context) throw new S3Error('InternalError', 'request reached the controller unadmitted');
    const req: S3HttpRequest = { request, target, auth, context };
    const command = await route.toCommand(req);
    const result = await this.bus.execute(command);
    await route.send(reply, result, req);
  }
}
