import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ListenAddress, listenHost } from '../config/gateway-config';

/** A listener of our own beside Fastify's (--admin-port, --metrics-port). */
export interface ExtraListener {
  readonly address: AddressInfo;
  /** Stops accepting and waits for the requests in progress; idle keep-alive connections are closed at once. */
  close(): Promise<void>;
}

/** Listens on the address; rejects with the listen error (EADDRINUSE) instead of emitting it. */
export async function listenServer(server: Server, address: ListenAddress): Promise<ExtraListener> {
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
