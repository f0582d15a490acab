import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { S3CommandBus } from '../../operations/s3-command-bus';
import { S3_SETTINGS, S3Settings } from '../../operations/s3-settings';
import { S3TracingInterceptor } from '../../telemetry/s3-tracing.interceptor';
import { S3Error } from '../errors/s3-error';
import { CorsResponseHeaders } from './cors/cors-response-headers';
import { continueAfterAdmission } from './expect-continue';
import { resolveS3RequestIfValid } from './resolve-request';
import { ROUTE_TABLE } from './route-table.token';
import type { RouteTable } from './routes/route-table';
import type { S3HttpRequest } from './routes/s3-route';
import { S3Admission } from './s3-admission';
import { S3ExceptionFilter } from './s3-exception.filter';

/**
 * Every S3 request lands here: its operation resolved (method + path + query), the tracing
 * interceptor around the rest, admission, then the operation's route turns the request into a
 * command, the command bus runs it, the route renders the result; any failure becomes S3's XML
 * error through the one exception filter. One path for all operations, mounted as one Fastify
 * route by S3HttpModule. The layers are called directly rather than through Nest's router, guards
 * and interceptor chain, which cost more per request than everything else a small GET does
 * (docs/performance.md).
 */
@Injectable()
export class S3Controller {
  constructor(
    private readonly tracing: S3TracingInterceptor,
    private readonly admission: S3Admission,
    private readonly bus: S3CommandBus,
    private readonly errors: S3ExceptionFilter,
    private readonly cors: CorsResponseHeaders,
    @Inject(ROUTE_TABLE) private readonly routes: RouteTable,
    @Inject(S3_SETTINGS) private readonly settings: S3Settings,
  ) {}

  /**
   * The Fastify handler. It resolves with the reply, which tells Fastify the response is under way
   * (a streamed body is still flowing): resolving with nothing would make Fastify send an empty one.
   */
  readonly handle = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    resolveS3RequestIfValid(request, this.settings.virtualDomain);
    await this.tracing.intercept(request, reply, this.serve);
    return reply;
  };

  private readonly serve = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      // Only a request with an Origin looks at CORS: the others pay one property read.
      if (request.headers.origin !== undefined) {
        const reading = this.cors.apply(request, reply);
        if (reading) await reading;
      }
      // A browser upload's credentials come in its body, so that client is told to send it first.
      const credentialsInBody = request.s3.operation === 'PostObject';
      if (credentialsInBody) continueAfterAdmission(request, reply);
      await this.admission.admit(request);
      if (!credentialsInBody) continueAfterAdmission(request, reply);
      const { operation, target, auth, context } = request.s3;
      const route = operation && this.routes.get(operation);
      if (!route || !target || !auth || !context) throw new S3Error('InternalError', 'request reached the controller unadmitted');
      const req: S3HttpRequest = { request, target, auth, context };
      // Most routes build their command and render their result synchronously: awaiting a plain
      // value would still cost a promise and a turn of the microtask queue each.
      const built = route.toCommand(req);
      const result = await this.bus.execute(built instanceof Promise ? await built : built);
      const sent = route.send(reply, result, req);
      if (sent !== undefined) await sent;
    } catch (error) {
      this.errors.render(error, request, reply);
    }
  };
}
