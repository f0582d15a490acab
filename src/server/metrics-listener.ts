import { createServer } from 'node:http';
import type { ListenAddress } from '../config/gateway-config';
import { answerScrape, metricsViewOf } from '../metrics/metrics-endpoint';
import type { MetricsSource } from '../metrics/metrics-source';
import { type ExtraListener, listenServer } from './listen-server';

/** --metrics-port: a plain Node HTTP server answering /metrics and /metrics/workers, 404 to anything else. */
export function listenMetricsPort(address: ListenAddress, source: MetricsSource): Promise<ExtraListener> {
  const server = createServer((request, response) => {
    const view = metricsViewOf(request.method, request.url);
    if (view !== undefined) return answerScrape(source, view, request, response);
    const body = 'this address serves only GET /metrics and /metrics/workers\n';
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
  return listenServer(server, address);
}
