import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { type sendUnaryData, Server as GrpcServer, ServerCredentials, type ServerUnaryCall, type ServiceDefinition } from '@grpc/grpc-js';
import { decodeTraceExport, type ReceivedSpan } from './otlp-receiver-decode';

export type { AttributeMap, AttributeValue, ReceivedEvent, ReceivedSpan } from './otlp-receiver-decode';

/** `answer` replies to every export; `hang` accepts each one and never replies (a stuck collector). */
export type ReceiverMode = 'answer' | 'hang';

export interface ReceiverOptions {
  protocol: 'grpc' | 'http';
  mode?: ReceiverMode;
  /** Serve TLS with this pair (PEM); plain text without it. */
  tls?: { cert: string; key: string };
}

export interface OtlpReceiver {
  /** `127.0.0.1:<port>`, what --otel-endpoint takes. */
  readonly endpoint: string;
  readonly port: number;
  /** Every span received so far, in arrival order. */
  readonly spans: ReceivedSpan[];
  /** The request headers (gRPC metadata) of each export received. */
  readonly headers: Array<Record<string, string>>;
  /** Export requests received, answered or not. */
  exportCount(): number;
  /** Resolves with the spans once `done(spans)` holds; rejects after `timeoutMs`. */
  waitFor(done: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number): Promise<ReceivedSpan[]>;
  clear(): void;
  close(): Promise<void>;
}

const TRACE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const HTTP_TRACES_PATH = '/v1/traces';
const POLL_MS = 20;

/** The collector's TraceService, with the bytes left raw: the test decodes them itself. */
const TRACE_SERVICE: ServiceDefinition = {
  Export: {
    path: TRACE_EXPORT_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: (value: Buffer) => value,
    requestDeserialize: (bytes: Buffer) => bytes,
    // An empty ExportTraceServiceResponse: full success.
    responseSerialize: (value: Buffer) => value,
    responseDeserialize: (bytes: Buffer) => bytes,
  },
};

class Collected {
  readonly spans: ReceivedSpan[] = [];
  readonly headers: Array<Record<string, string>> = [];
  exports = 0;

  receive(body: Uint8Array, headers: Record<string, string>): void {
    this.exports++;
    this.headers.push(headers);
    this.spans.push(...decodeTraceExport(body));
  }
}

function flatHeaders(entries: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(entries)) {
    if (typeof value === 'string') flat[name] = value;
    else if (Array.isArray(value)) flat[name] = value.join(',');
    else if (Buffer.isBuffer(value)) flat[name] = value.toString('base64');
  }
  return flat;
}

async function startGrpc(collected: Collected, mode: ReceiverMode, tls: ReceiverOptions['tls']): Promise<{ port: number; close(): Promise<void> }> {
  const server = new GrpcServer();
  server.addService(TRACE_SERVICE, {
    Export(call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) {
      collected.receive(call.request, flatHeaders(call.metadata.getMap()));
      if (mode === 'answer') callback(null, Buffer.alloc(0));
    },
  });
  const credentials = tls
    ? ServerCredentials.createSsl(null, [{ cert_chain: Buffer.from(tls.cert), private_key: Buffer.from(tls.key) }])
    : ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    port,
    async close() {
      // Hanging calls would hold a graceful shutdown forever.
      server.forceShutdown();
    },
  };
}

async function startHttp(collected: Collected, mode: ReceiverMode, tls: ReceiverOptions['tls']): Promise<{ port: number; close(): Promise<void> }> {
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== HTTP_TRACES_PATH) {
        response.writeHead(404).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      collected.receive(body, flatHeaders(request.headers));
      if (mode === 'answer') response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  };
  const server: HttpServer = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handle) : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * An OTLP trace collector in the test process, on loopback: gRPC or HTTP/protobuf, as a real
 * collector speaks them, so the gateway's real exporter sends to it.
 */
export async function startOtlpReceiver(options: ReceiverOptions): Promise<OtlpReceiver> {
  const collected = new Collected();
  const mode = options.mode ?? 'answer';
  const server = options.protocol === 'grpc' ? await startGrpc(collected, mode, options.tls) : await startHttp(collected, mode, options.tls);
  return {
    endpoint: `127.0.0.1:${server.port}`,
    port: server.port,
    spans: collected.spans,
    headers: collected.headers,
    exportCount: () => collected.exports,
    async waitFor(done, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!done(collected.spans)) {
        if (Date.now() > deadline) throw new Error(`OTLP receiver: condition not met within ${timeoutMs} ms; spans: ${collected.spans.map((s) => s.name).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      return collected.spans;
    },
    clear() {
      collected.spans.length = 0;
      collected.headers.length = 0;
    },
    close: () => server.close(),
  };
}

/** A loopback port nobody listens on: exports to it are refused at once. */
export async function deadPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
