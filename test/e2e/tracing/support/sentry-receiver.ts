import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One item of a Sentry envelope: its header (type) and its JSON payload. */
export interface EnvelopeItem {
  type: string;
  payload: Record<string, unknown>;
}

export interface SentryReceiver {
  /** A DSN pointing here: `http://<key>@127.0.0.1:<port>/<project>`. */
  readonly dsn: string;
  /** Items of every envelope received, in arrival order. */
  readonly items: EnvelopeItem[];
  events(): Array<Record<string, unknown>>;
  waitForEvents(count: number, timeoutMs?: number): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** Newline-separated JSON: the envelope header, then a header and a payload per item. */
function parseEnvelope(text: string): EnvelopeItem[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const items: EnvelopeItem[] = [];
  for (let i = 1; i + 1 < lines.length; i += 2) {
    const header = JSON.parse(lines[i]) as { type: string };
    items.push({ type: header.type, payload: JSON.parse(lines[i + 1]) as Record<string, unknown> });
  }
  return items;
}

/** Sentry's ingestion endpoint, enough of it for @sentry/node to deliver envelopes on loopback. */
export async function startSentryReceiver(): Promise<SentryReceiver> {
  const items: EnvelopeItem[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      if (request.method === 'POST' && /^\/api\/\d+\/envelope\//.test(request.url ?? '')) items.push(...parseEnvelope(body.toString('utf8')));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const events = () => items.filter((item) => item.type === 'event').map((item) => item.payload);
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    items,
    events,
    async waitForEvents(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events().length < count) {
        if (Date.now() > deadline) throw new Error(`Sentry receiver: ${events().length} of ${count} events within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return events();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
