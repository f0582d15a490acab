import type { Logger } from '@nestjs/common';
import { listenHost, type GatewayConfig, type ListenAddress } from '../config/gateway-config';

/** `http://[::]:7070`: IPv6 hosts in brackets; `:port` shows as every interface ('::'). */
function url(config: GatewayConfig, address: ListenAddress): string {
  const host = listenHost(address);
  return `${config.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** Which backend serves, and from where. */
function backendLine({ backend }: GatewayConfig): string {
  if (backend.type === 'azure') return `azure backend at ${backend.serviceUrl}`;
  if (backend.type === 's3proxy') return `s3proxy backend to ${backend.endpoint ?? `AWS (${backend.region})`}`;
  return `posix backend at ${backend.root}`;
}

/** What is served where, once the ports listen; `servedBy` says which processes, in a cluster. */
export function announceListeners(logger: Logger, config: GatewayConfig, servedBy?: string): void {
  logger.log(`S3 gateway on ${url(config, config.port)}, ${backendLine(config)}${servedBy ? `, ${servedBy}` : ''}`);
  logger.log(`journal: ${config.db}`);
  if (config.adminPort) logger.log(`admin API also on ${url(config, config.adminPort)}`);
  // Plain HTTP whatever --cert says: Prometheus scrapes a loopback or private address.
  const metricsPort = config.metrics?.port;
  if (metricsPort) logger.log(`metrics on ${url({ ...config, tls: undefined }, metricsPort)}/metrics`);
}

/** Printed once, at the start that created them; they are kept under the root's .tracegw/. */
export function printGeneratedCredentials(config: GatewayConfig): void {
  process.stdout.write(`\nRoot credentials (generated, kept for later starts):\n  access key: ${config.access}\n  secret key: ${config.secret}\n\n`);
}
