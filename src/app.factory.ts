import { readFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type OperationSink, operationRecorder, recordWhenClosed } from './admin/recording/record-operations';
import type { PausePoints } from './backends/pause-points';
import type { GatewayConfig } from './config/gateway-config';
import { GatewayModule } from './gateway.module';
import { type ClusterWorkerRole, GatewayServices, openGatewayServices } from './gateway-services';
import { gatewayLogger } from './logging/gateway-logger';
import type { S3RequestState } from './request/request-state';
import { answerClientError } from './s3/http/client-errors';
import { leaveExpectationsToTheGateway } from './s3/http/expect-continue';
import { stampRequest } from './s3/http/stamp-request';
import { answerUnparsableUrl } from './s3/http/unparsable-url';
import { setRequestLogging } from './telemetry/telemetry-state';

/** The TLS key and certificate as read once at start-up, for every listener. */
export interface TlsCredentials {
  key: Buffer;
  cert: Buffer;
}

export interface GatewayApp {
  app: NestFastifyApplication;
  services: GatewayServices;
  /** What the S3 port serves TLS with; the admin port serves the same. */
  https?: TlsCredentials;
  /** Stops accepting requests, lets in-flight ones finish, then closes the journal and backend. */
  close(): Promise<void>;
}

/**
 * What the process starting the gateway may plug in besides its configuration. The gateway's own
 * entry (bin/tracegw.js) plugs in nothing; a crash test's entry supplies pause points.
 */
export interface GatewayHooks {
  pausePoints?: PausePoints;
}

/**
 * Fastify parses every query string into request.query; nothing here reads it (the S3 layers
 * parse the raw URL once, by S3's rules, and the admin API its own), so it is not parsed at all.
 */
const UNPARSED_QUERY: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** S3 keys run to 1,024 bytes, percent-encoding triples that; find-my-way's default is 100. */
const MAX_PATH_PARAM_LENGTH = 8192;

/**
 * Leaves every request body as the raw stream: S3 payloads are streamed to storage and
 * documents are parsed by the operation that expects one, with its own size limit.
 */
function keepBodiesAsStreams(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
}

/**
 * The one onRequest hook: each request gets its ids and headers, and its history row is set up to
 * be written when its response is over. One hook, not one per concern: Fastify walks its hook
 * list for every request.
 */
function stampAndRecordRequests(fastify: FastifyInstance, history: OperationSink): void {
  // Declared up front so every request object has the same shape (V8 keeps one hidden class).
  fastify.decorateRequest('s3', undefined as unknown as S3RequestState);
  const record = operationRecorder(history);
  fastify.addHook('onRequest', (request, reply, done) => {
    stampRequest(request, reply);
    record(reply);
    done();
  });
}

/**
 * Builds the gateway (without listening): shared by main, the cluster's workers (`worker` set)
 * and the end-to-end tests.
 */
export async function createApp(config: GatewayConfig, worker?: ClusterWorkerRole, hooks: GatewayHooks = {}): Promise<GatewayApp> {
  const services = await openGatewayServices(config, worker, hooks.pausePoints);
  try {
    const https: TlsCredentials | undefined = config.tls ? { key: await readFile(config.tls.key), cert: await readFile(config.tls.cert) } : undefined;
    const adapter = new FastifyAdapter({
      https,
      maxParamLength: MAX_PATH_PARAM_LENGTH,
      querystringParser: () => UNPARSED_QUERY,
      // HEAD is its own S3 operation (HeadObject, HeadBucket), never GET without a body.
      exposeHeadRoutes: false,
      // No Nest middleware is used: @fastify/middie would run its (empty) chain for every request.
      skipMiddie: true,
      disableRequestLogging: true,
      // Large uploads can take long; Node's default request timeout (5 min) would cut them.
      requestTimeout: 0,
      return503OnClosing: true,
      // Requests Node's parser refuses get S3's XML <Error>, not Fastify's JSON.
      clientErrorHandler: answerClientError,
      frameworkErrors: (_error: Error, request: FastifyRequest, reply: FastifyReply) =>
        answerUnparsableUrl(request, reply, () => recordWhenClosed(request, reply, services.history.writer)),
    });
    const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config, services), adapter, {
      bodyParser: false,
      logger: gatewayLogger(config),
      abortOnError: false,
    });
    // --debug logs every S3 request with its trace id (the tracing interceptor does it).
    setRequestLogging(config.debug);
    const fastify = app.getHttpAdapter().getInstance();
    keepBodiesAsStreams(fastify);
    leaveExpectationsToTheGateway(fastify.server);
    stampAndRecordRequests(fastify, services.history.writer);
    await app.init();
    return {
      app,
      services,
      https,
      async close() {
        await app.close();
        await services.close();
      },
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}
