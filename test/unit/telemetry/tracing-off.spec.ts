import { context, trace } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { traceAuthentication } from '../../../src/telemetry/auth-span';
import { traceCommand } from '../../../src/telemetry/backend-span';
import { traceLinkFile, traceOpenTmpFile, traceWriteData } from '../../../src/telemetry/posix-io-spans';
import { S3TracingInterceptor } from '../../../src/telemetry/s3-tracing.interceptor';
import { setRequestLogging, tracingActive } from '../../../src/telemetry/telemetry-state';
import { startTelemetry } from '../../../src/telemetry/telemetry';
import { testConfig } from '../../e2e/support/test-config';

/** Tracing off must cost nothing measurable: no SDK, no span objects beyond the API's no-ops. */
describe('with --otel-enabled off', () => {
  it('registers no SDK: the API hands out non-recording spans of no trace', async () => {
    const telemetry = await startTelemetry(testConfig('/nonexistent-root'));
    try {
      expect(telemetry.tracing).toBeUndefined();
      expect(tracingActive()).toBe(false);
      const span = trace.getTracer('probe').startSpan('probe');
      expect(span.isRecording()).toBe(false);
      expect(span.spanContext().traceId).toBe('0'.repeat(32));
      // No context manager either: context.with() is a plain call.
      expect(context.with(trace.setSpan(context.active(), span), () => trace.getActiveSpan())).toBeUndefined();
    } finally {
      await telemetry.shutdown();
    }
  });

  it('the tracing interceptor hands the request on without looking at it', () => {
    setRequestLogging(false);
    const handled = Promise.resolve();
    const untouchable = new Proxy({}, {
      get: () => {
        throw new Error('the request must not be read');
      },
    }) as FastifyRequest & FastifyReply;
    expect(new S3TracingInterceptor().intercept(untouchable, untouchable, () => handled)).toBe(handled);
  });

  it('authentication, commands and file I/O run without any span', async () => {
    const startSpan = jest.spyOn(trace.getTracer('tracegw'), 'startSpan');
    const getTracer = jest.spyOn(trace, 'getTracer');
    const auth = { method: 'header', account: { access: 'A', role: 'user' } };
    // With tracing off a request has no root span: every layer is handed no parent.
    expect(traceAuthentication(undefined, () => false, () => auth)).toBe(auth);
    expect(await traceCommand(undefined, { operation: 'GetObject' }, 'posix', async (span) => span ?? 'result')).toBe('result');
    expect(await traceOpenTmpFile(undefined, { dir: '/d', bucket: 'b', object: 'o', size: 1 }, async () => 3)).toBe(3);
    expect(await traceWriteData(undefined, async () => ({ bytesWritten: 1, result: 'etag' }))).toBe('etag');
    expect(await traceLinkFile(undefined, 'b', 'o', async () => 'linked')).toBe('linked');
    expect(getTracer).not.toHaveBeenCalled();
    expect(startSpan).not.toHaveBeenCalled();
  });
});
