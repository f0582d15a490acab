import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { TlsCredentials } from '../app.factory';
import { type ListenAddress, listenHost } from '../config/gateway-config';
import { isAdminRequest } from './admin-routes';


export interface AdminListener {
  readonly address: AddressInfo;
  /** Stops accepting and waits for the requests in progress; call before closing the gateway. */
  close(): Promise<void>;
}

/**
 * Serves the admin API on its own address (--admin-port) with the gateway's own Fastify instance:
 * the same routes, authentication, JSON errors and history recording as on the S3 port. Only admin
 * routes pass; anything else is answered 404 here and never reaches the S3 controller, so the
 * admin port cannot be used as a second S3 endpoint.
 */
export async function listenAdminPort(fastify: FastifyInstance, address: ListenAddress, https: TlsCredentials | undefined): Promise<AdminListener> {
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    if (isAdminRequest(request.method, request.url)) fastify.routing(request, response);
    else notAnAdminRoute(response);
  };
  const server: Server = https ? createHttpsServer(https, handle) : createHttpServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, listenHost(address), () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

function notAnAdminRoute(response: ServerResponse): void {
  const body = JSON.stringify({
    error: { code: 'NotFound', message: 'this address serves only the admin API (PATCH /create-user, /list-operations, ...)' },
  });
  response.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
