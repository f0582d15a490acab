import { EventEmitter } from 'node:events';
import { type Context, context, ROOT_CONTEXT, type Span, TraceFlags } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { traceAuthentication } from '../../../src/telemetry/auth-span';
import { traceCommand } from '../../../src/telemetry/backend-span';
import { traceOpenTmpFile } from '../../../src/telemetry/posix-io-spans';
import { S3TracingInterceptor } from '../../../src/telemetry/s3-tracing.interceptor';
import { setRequestLogging } from '../../../src/telemetry/telemetry-state';
import { startTelemetry, type Telemetry } from '../../../src/telemetry/telemetry';
import { tracer } from '../../../src/telemetry/tracer';
import { withSpan } from '../../../src/telemetry/with-span';
import { deadPort } from '../../e2e/support/otlp-receiver';
import { testConfig } from '../../e2e/support/test-config';

/** A GetObject request as the S3 controller hands it to the interceptor, and its reply. */
function getObject(headers: Record<string, string> = {}): { request: FastifyRequest; reply: FastifyReply & { sent: Record<string, string> } } {
  const s3 = { requestId: 'REQ0000000000001', traceId: 'f'.repeat(32), startedAt: 0n, operation: 'GetObject', target: { resource: { level: 'object', bucket: 'b', key: 'k' } } };
  const request = { method: 'GET', ip: '127.0.0.1', headers: { host: 'h', ...headers }, raw: { url: '/b/k' }, s3 } as unknown as FastifyRequest;
  const sent: Record<string, string> = {};
  const raw = Object.assign(new EventEmitter(), { statusCode: 200 });
  const reply = { raw, sent, header: (name: string, value: string) => (sent[name] = value) } as unknown as FastifyReply & { sent: Record<string, string> };
  return { request, reply };
}

/**
 * What the request path does below the root span, each layer handed its parent as tracegw's are:
 * authentication and the command under the root span, a file span under the command's, a span
 * after an await.
 */
async function requestWork(request: FastifyRequest): Promise<void> {
  const root = request.s3.rootSpan;
  traceAuthentication(root, () => true, () => ({ method: 'presigned', account: { access: 'A', role: 'admin' } }));
  await traceCommand(root, { operation: 'GetObject' }, 'posix', async (backend) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return traceOpenTmpFile(backend, { dir: '/d', bucket: 'b', object: 'k', size: 1 }, async () => 'x');
  });
  await withSpan(root, 'Posix.IO.CopyPart', {}, async () => undefined);
}

/** The span id of a span's parent, as the SDK's span has it. */
function parentIdOf(span: Span): string | undefined {
  return (span as unknown as ReadableSpan).parentSpanContext?.spanId;
}

describe.each([
  { rate: 0, recorded: false },
  { rate: 1, recorded: true },
])('a request at --otel-sample-rate $rate', ({ rate, recorded }) => {
  let telemetry: Telemetry;

  beforeAll(async () => {
    const config = testConfig('/nonexistent-root');
    setRequestLogging(false);
    telemetry = await startTelemetry({ ...config, otel: { ...config.otel, enabled: true, sampleRate: rate, endpoint: `127.0.0.1:${await deadPort()}` } });
  });
  afterAll(() => telemetry.shutdown());
  afterEach(() => jest.restoreAllMocks());

  it(recorded ? 'runs in its root span, whose children are recorded' : 'runs in no context and makes no span beyond the root', async () => {
    const startSpan = jest.spyOn(tracer(), 'startSpan');
    const { request, reply } = getObject();
    let active: Context | undefined;
    await new S3TracingInterceptor().intercept(request, reply, async (req) => {
      active = context.active();
      await requestWork(req);
    });
    // Every response names its trace, sampled or not.
    expect(reply.sent['x-trace-id']).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    expect(request.s3.traceId).toBe(reply.sent['x-trace-id']);
    const spans = startSpan.mock.results.map((result) => result.value as Span);
    // No request runs in an OpenTelemetry context, recorded or not: the spans are parented by hand.
    expect(active).toBe(ROOT_CONTEXT);
    if (recorded) {
      expect(request.s3.rootSpan).toBe(spans[0]);
      expect(startSpan.mock.calls.map(([name]) => name)).toEqual(['S3.GetObject', 'Auth.V4Signature', 'Backend.GetObject', 'Posix.IO.OpenTmpFile', 'Posix.IO.CopyPart']);
      const ids = spans.map((span) => span.spanContext().spanId);
      expect(spans.map(parentIdOf)).toEqual([undefined, ids[0], ids[0], ids[2], ids[0]]);
      // The children have ended; the root ends when the response has gone.
      expect(spans.map((span) => span.spanContext().traceFlags & TraceFlags.SAMPLED)).toEqual([1, 1, 1, 1, 1]);
      expect(spans[0].isRecording()).toBe(true);
      reply.raw.emit('close');
      expect(spans[0].isRecording()).toBe(false);
    } else {
      expect(startSpan.mock.calls.map(([name]) => name)).toEqual(['S3.GetObject']);
      expect(spans[0].isRecording()).toBe(false);
      expect(spans[0].spanContext().traceFlags & TraceFlags.SAMPLED).toBe(0);
      // Nothing to end when the response goes out.
      expect(reply.raw.listenerCount('close')).toBe(0);
    }
  });

  it('follows the client: a sampled traceparent is recorded, an unsampled one is not', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    for (const flags of ['01', '00']) {
      const startSpan = jest.spyOn(tracer(), 'startSpan');
      const { request, reply } = getObject({ traceparent: `00-${traceId}-00f067aa0ba902b7-${flags}` });
      await new S3TracingInterceptor().intercept(request, reply, requestWork);
      reply.raw.emit('close');
      expect(reply.sent['x-trace-id']).toBe(traceId);
      expect(startSpan).toHaveBeenCalledTimes(flags === '01' ? 5 : 1);
      startSpan.mockRestore();
    }
  });
});
