import { EventEmitter } from 'node:events';
import { type Context, context, ROOT_CONTEXT, TraceFlags } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { traceAuthentication } from '../../../src/telemetry/auth-span';
import { traceCommand } from '../../../src/telemetry/backend-span';
import { traceOpenTmpFile } from '../../../src/telemetry/posix-io-spans';
import { S3TracingInterceptor } from '../../../src/telemetry/s3-tracing.interceptor';
import { RecordingSpan } from '../../../src/telemetry/recording-span';
import { SpanRecorder } from '../../../src/telemetry/span-recorder';
import { setRequestLogging } from '../../../src/telemetry/telemetry-state';
import { startTelemetry, type Telemetry } from '../../../src/telemetry/telemetry';
import { withSpan } from '../../../src/telemetry/with-span';
import { deadPort } from '../../e2e/support/otlp-receiver';
import { testConfig } from '../../e2e/support/test-config';

/** The trace id the request was stamped with on arrival (stamp-request.ts), and sent as X-Trace-ID. */
const STAMPED = 'f'.repeat(32);

/** A GetObject request as the S3 controller hands it to the interceptor, and its reply. */
function getObject(headers: Record<string, string> = {}): { request: FastifyRequest; reply: FastifyReply & { sent: Record<string, string> } } {
  const s3 = { requestId: 'REQ0000000000001', traceId: STAMPED, startedAt: 0n, operation: 'GetObject', target: { resource: { level: 'object', bucket: 'b', key: 'k' } } };
  const request = { method: 'GET', ip: '127.0.0.1', headers: { host: 'h', ...headers }, raw: { url: '/b/k' }, s3 } as unknown as FastifyRequest;
  const sent: Record<string, string> = { 'x-trace-id': STAMPED };
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

/** Every span the request makes, in the order they start: the recorder's root and each child of a span. */
function spySpanStarts(): { names: () => string[]; spans: () => RecordingSpan[]; restore: () => void } {
  const root = jest.spyOn(SpanRecorder.prototype, 'startRoot');
  const child = jest.spyOn(RecordingSpan.prototype, 'child');
  const started = (): Array<{ name: string; span: RecordingSpan; order: number }> => [
    ...root.mock.calls.map(([name], i) => ({ name, span: root.mock.results[i].value as RecordingSpan, order: root.mock.invocationCallOrder[i] })),
    ...child.mock.calls.map(([name], i) => ({ name, span: child.mock.results[i].value as RecordingSpan, order: child.mock.invocationCallOrder[i] })),
  ].sort((a, b) => a.order - b.order);
  return {
    names: () => started().map((s) => s.name),
    spans: () => started().map((s) => s.span),
    restore: () => {
      root.mockRestore();
      child.mockRestore();
    },
  };
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

  it(recorded ? 'runs in its root span, whose children are recorded' : 'runs in no context and makes no span at all', async () => {
    const started = spySpanStarts();
    const { request, reply } = getObject();
    let active: Context | undefined;
    await new S3TracingInterceptor().intercept(request, reply, async (req) => {
      active = context.active();
      await requestWork(req);
    });
    // Every response names its trace, sampled or not: the id it was stamped with on arrival.
    expect(reply.sent['x-trace-id']).toBe(STAMPED);
    expect(request.s3.traceId).toBe(STAMPED);
    const spans = started.spans();
    // No request runs in an OpenTelemetry context, recorded or not: the spans are parented by hand.
    expect(active).toBe(ROOT_CONTEXT);
    if (recorded) {
      expect(request.s3.rootSpan).toBe(spans[0]);
      expect(started.names()).toEqual(['S3.GetObject', 'Auth.V4Signature', 'Backend.GetObject', 'Posix.IO.OpenTmpFile', 'Posix.IO.CopyPart']);
      const ids = spans.map((span) => span.spanContext().spanId);
      expect(spans.map((span) => span.parentSpanContext?.spanId)).toEqual([undefined, ids[0], ids[0], ids[2], ids[0]]);
      // The root span is in the trace the request was stamped with: no second id is drawn.
      expect(spans.map((span) => span.spanContext().traceId)).toEqual(Array(5).fill(STAMPED));
      // The children have ended; the root ends when the response has gone.
      expect(spans.map((span) => span.spanContext().traceFlags & TraceFlags.SAMPLED)).toEqual([1, 1, 1, 1, 1]);
      expect(spans[0].isRecording()).toBe(true);
      reply.raw.emit('close');
      expect(spans[0].isRecording()).toBe(false);
    } else {
      // Sampling is decided once, at the root: a dropped request makes no span object of any kind.
      expect(started.names()).toEqual([]);
      expect(request.s3.rootSpan).toBeUndefined();
      // Nothing to end when the response goes out.
      expect(reply.raw.listenerCount('close')).toBe(0);
    }
  });

  it('follows the client: a sampled traceparent is recorded, an unsampled one is not', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    for (const flags of ['01', '00']) {
      const started = spySpanStarts();
      const { request, reply } = getObject({ traceparent: `00-${traceId}-00f067aa0ba902b7-${flags}` });
      await new S3TracingInterceptor().intercept(request, reply, requestWork);
      reply.raw.emit('close');
      expect(reply.sent['x-trace-id']).toBe(traceId);
      expect(started.names()).toHaveLength(flags === '01' ? 5 : 0);
      if (flags === '01') expect(started.spans()[0].parentSpanContext).toMatchObject({ traceId, spanId: '00f067aa0ba902b7', isRemote: true });
      started.restore();
    }
  });
});
