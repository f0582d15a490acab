import type { IncomingMessage, ServerResponse } from 'node:http';
import { Registry } from 'prom-client';
import type { MetricsSource, MetricsView } from './metrics-source';

const VIEWS: ReadonlyMap<string, MetricsView> = new Map([
  ['/metrics', 'node'],
  ['/metrics/workers', 'workers'],
]);

/** The view a GET (or HEAD) of /metrics or /metrics/workers asks for; undefined for anything else. */
export function metricsViewOf(method: string | undefined, rawUrl: string | undefined): MetricsView | undefined {
  if ((method !== 'GET' && method !== 'HEAD') || rawUrl === undefined) return undefined;
  const q = rawUrl.indexOf('?');
  return VIEWS.get(q === -1 ? rawUrl : rawUrl.slice(0, q));
}

/** Answers a scrape in Prometheus's text format; 503 when the series could not be gathered (a cluster worker not answering). */
export function answerScrape(source: MetricsSource, view: MetricsView, request: IncomingMessage, response: ServerResponse): void {
  source.scrape(view).then(
    (text) => {
      response.writeHead(200, { 'content-type': Registry.PROMETHEUS_CONTENT_TYPE, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : text);
    },
    (error: unknown) => {
      const body = `metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`;
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    },
  );
}
