import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { FastifyInstance } from 'fastify';
import type { TlsCredentials } from '../app.factory';
import type { ListenAddress } from '../config/gateway-config';
import { answerScrape, metricsViewOf } from '../metrics/metrics-endpoint';
import type { MetricsSource } from '../metrics/metrics-source';
import { type ExtraListener, listenServer } from '../server/listen-server';
import { isAdminRequest } from './admin-routes';
import type { ConsolePages } from './console/console-pages';


/** close() before closing the gateway: it waits for the admin requests in progress. */
export type AdminListener = ExtraListener;

/**
 * Serves the admin API on its own address (--admin-port) with the gateway's own Fastify instance:
 * the same routes, authentication, JSON errors and history recording as on the S3 port. Only admin
 * routes pass, GET /metrics and the console's files (both answered here, not through Fastify; the
 * console's own requests are admin routes); anything else is answered 404
 * here and never reaches the S3 controller, so the admin port cannot be used as a second S3 endpoint.
 */
export async function listenAdminPort(
  fastify: FastifyInstance,
  address: ListenAddress,
  https: TlsCredentials | undefined,
  metrics?: MetricsSource,
  consolePages?: ConsolePages,
): Promise<AdminListener> {
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    if (isAdminRequest(request.method, request.url)) return fastify.routing(request, response);
    if (consolePages?.serves(request.method, request.url)) return consolePages.answer(request, response);
    // GET /metrics for Prometheus, without authentication (docs/metrics.md), and outside the history.
    const view = metrics && metricsViewOf(request.method, request.url);
    if (metrics && view) answerScrape(metrics, view, request, response);
    else notAnAdminRoute(response);
  };
  const server: Server = https ? createHttpsServer(https, handle) : createHttpServer(handle);
  return listenServer(server, address);
}

function notAnAdminRoute(response: ServerResponse): void {
  const body = JSON.stringify({
    error: { code: 'NotFound', message: 'this address serves only the admin API (PATCH /create-user, /list-operations, ...)' },
  });
  response.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
