import { readFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import type { Registry } from 'prom-client';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessLogWriter } from './access-log/access-log-writer';
import { CONSOLE_SESSIONS } from './admin/admin.tokens';
import { loadConsoleAssets } from './admin/console/console-assets';
import { ConsolePages } from './admin/console/console-pages';
import type { ConsoleSessions } from './admin/console/console-sessions';
import { openRecording } from './admin/recording/gateway-recording';
import { type OperationSink, operationRecorder, recordWhenClosed } from './admin/recording/record-operations';
import type { GatewayConfig } from './config/gateway-config';
import { GatewayModule } from './gateway.module';
import { type ClusterWorkerRole, GatewayServices, openGatewayServices, type StorageHooks } from './gateway-services';
import { gatewayLogger } from './logging/gateway-logger';
import type { GatewayMetrics } from './metrics/gateway-metrics';
import type { MetricsSource } from './metrics/metrics-source';
import type { S3RequestState } from './request/request-state';
import { answerClientError } from './s3/http/client-errors';
import { leaveExpectationsToTheGateway } from './s3/http/expect-continue';
import type { ExportCounts } from './telemetry/export-health';
import { HealthPath } from './server/health-path';
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
  /** --health: the probe that close() turns to 503 first. */
  health?: HealthPath;
  /** --access-log; its owner reopens it on SIGHUP. */
  accessLog?: AccessLogWriter;
  /** Present with --admin-port or --metrics-port (docs/metrics.md). */
  metrics?: GatewayMetrics;
  /** The operations console's files: the admin listener serves them, or the S3 port when there is none (docs/console.md). */
  console: ConsolePages;
  /** Stops accepting requests, lets in-flight ones finish, then closes the journal and backend. */
  close(): Promise<void>;
}

/**
 * What the process starting the gateway may plug in besides its configuration. The gateway's own
 * entry (bin/tracegw.js) plugs in nothing; a crash test's entry supplies pause points (and, for
 * the scoutfs backend, a stand-in block mover).
 */
export interface GatewayHooks extends StorageHooks {
  /** The span pipeline's counts, for the metrics: serveGateway starts tracing before the app. */
  spanCounts?: () => ExportCounts | undefined;
  /** Where /metrics reads from when not this process's registry alone: a cluster worker asks its primary. */
  metricsSource?: (registry: Registry) => MetricsSource;
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

/** A request answered in the onRequest hook, before any S3 routing or recording: true when it was. */
type EarlyAnswer = (request: FastifyRequest, reply: FastifyReply) => boolean;

/**
 * The one onRequest hook: each request gets its ids and headers, and its history row is set up to
 * be written when its response is over. One hook, not one per concern: Fastify walks its hook
 * list for every request. With --health, or the console on this port, those are answered first,
 * before any S3 routing or recording; without them the hook has no such check at all.
 */
function stampAndRecordRequests(fastify: FastifyInstance, sink: OperationSink, early: EarlyAnswer | undefined): void {
  // Declared up front so every request object has the same shape (V8 keeps one hidden class).
  fastify.decorateRequest('s3', undefined as unknown as S3RequestState);
  const record = operationRecorder(sink);
  if (early === undefined) {
    fastify.addHook('onRequest', (request, reply, done) => {
      stampRequest(request, reply);
      record(reply);
      done();
    });
    return;
  }
  fastify.addHook('onRequest', (request, reply, done) => {
    // Answered: Fastify is not told to go on (done), so nothing else runs for it.
    if (early(request, reply)) return;
    stampRequest(request, reply);
    record(reply);
    done();
  });
}

/**
 * What the onRequest hook answers itself: the --health probe, and the console's files when the
 * admin API has no listener of its own (with --admin-port they are served there, not here).
 */
function earlyAnswers(health: HealthPath | undefined, pages: ConsolePages | undefined): EarlyAnswer | undefined {
  const consoleFiles: EarlyAnswer | undefined =
    pages &&
    ((request, reply) => {
      if (!pages.servesOnS3Port(request.raw)) return false;
      reply.hijack();
      pages.answer(request.raw, reply.raw);
      return true;
    });
  if (health === undefined) return consoleFiles;
  if (consoleFiles === undefined) return (request, reply) => health.answer(request, reply);
  return (request, reply) => health.answer(request, reply) || consoleFiles(request, reply);
}

/**
 * Builds the gateway (without listening): shared by main, the cluster's workers (`worker` set)
 * and the end-to-end tests.
 */
export async function createApp(config: GatewayConfig, worker?: ClusterWorkerRole, hooks: GatewayHooks = {}): Promise<GatewayApp> {
  const services = await openGatewayServices(config, worker, hooks);
  const recording = openRecording({
    config,
    history: services.history.writer,
    multipart: services.multipart.journal,
    spanCounts: hooks.spanCounts,
    metricsSource: hooks.metricsSource,
  });
  const { sink, accessLog, metrics } = recording;
  const health = config.health === undefined ? undefined : new HealthPath(config.health);
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
        answerUnparsableUrl(request, reply, () => recordWhenClosed(request, reply, sink)),
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
    const consolePages = new ConsolePages(loadConsoleAssets(), app.get<ConsoleSessions>(CONSOLE_SESSIONS));
    stampAndRecordRequests(fastify, sink, earlyAnswers(health, config.adminPort === undefined ? consolePages : undefined));
    await app.init();
    return {
      app,
      services,
      https,
      health,
      accessLog,
      metrics,
      console: consolePages,
      async close() {
        health?.drain();
        await app.close();
        await recording.close();
        await services.close();
      },
    };
  } catch (error) {
    await recording.close();
    await services.close();
    throw error;
  }
}
