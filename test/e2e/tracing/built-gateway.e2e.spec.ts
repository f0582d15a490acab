import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { type OtlpReceiver, startOtlpReceiver } from '../support/otlp-receiver';
import { type RawResponse, signedRequest, xmlCode } from '../support/signed-request';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { withEnv } from './support/env';
import { type SentryReceiver, startSentryReceiver } from './support/sentry-receiver';
import { leaf, spanNamed, STATUS_ERROR, traceSpans, treeOf } from './support/span-tree';

/**
 * The built gateway as an operator starts it (dist/main.js): telemetry set up from the flags before
 * Nest, Sentry on our OpenTelemetry setup, --debug request lines, spans flushed at SIGTERM. Batches
 * are held for ten minutes, so only the shutdown flush can deliver them.
 */
describe('the built gateway with --otel-enabled, --sentry-enabled and --debug', () => {
  const credentials = { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET };
  const bucket = 'reported';
  let root: string;
  let otlp: OtlpReceiver;
  let sentry: SentryReceiver;
  let child: ChildGateway;
  const responses: Record<string, RawResponse> = {};

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-built-'));
    otlp = await startOtlpReceiver({ protocol: 'grpc' });
    sentry = await startSentryReceiver();
    const args = ['--debug', '--otel-enabled', '--otel-insecure', '--otel-endpoint', otlp.endpoint, '--otel-service-name', 'tracegw-built', '--sentry-enabled', '--sentry-dsn', sentry.dsn];
    child = await withEnv({ OTEL_BSP_SCHEDULE_DELAY: '600000' }, () => spawnGateway(root, args));
    const send = (req: Parameters<typeof signedRequest>[2]) => signedRequest(child.port, credentials, req);
    await send({ method: 'PUT', path: `/${bucket}` });
    // A symlink cycle under a key prefix: the write path meets ELOOP, which no S3 error describes.
    await symlink('loop', join(root, bucket, 'loop'));

    responses.noSuchKey = await send({ method: 'GET', path: `/${bucket}/missing` });
    responses.denied = await send({ method: 'GET', path: `/${bucket}/missing`, credentials: { access: TEST_ROOT_ACCESS, secret: 'not-the-secret' } });
    responses.notImplemented = await send({ method: 'GET', path: `/${bucket}`, query: { lifecycle: '' } });
    responses.unexpected = await send({ method: 'PUT', path: `/${bucket}/loop/object.bin`, body: 'data' });
  });
  afterAll(async () => {
    await child?.stop();
    await otlp?.close();
    await sentry?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('answers as S3 does: 404, 403, 501, 500', () => {
    expect([responses.noSuchKey, responses.denied, responses.notImplemented, responses.unexpected].map((r) => [r.status, xmlCode(r.body)])).toEqual([
      [404, 'NoSuchKey'],
      [403, 'SignatureDoesNotMatch'],
      [501, 'NotImplemented'],
      [500, 'InternalError'],
    ]);
  });

  // Sentry delivers events in the order its transport finishes them, which need not be the order of
  // the requests (the first event also waits for Sentry to gather its context): found by code.
  const eventOf = (code: string) => sentry.events().find((event) => (event.tags as Record<string, string>)['s3.error_code'] === code);

  it('sends 5xx answers to Sentry with the trace id, operation, bucket and key', async () => {
    await sentry.waitForEvents(2);
    const [notImplemented, unexpected] = [eventOf('NotImplemented'), eventOf('InternalError')];
    expect(notImplemented).toMatchObject({
      level: 'error',
      tags: { trace_id: responses.notImplemented.headers['x-trace-id'], 's3.operation': 'GetBucketLifecycleConfiguration', 's3.bucket': bucket, 's3.error_code': 'NotImplemented' },
      contexts: { trace: { trace_id: responses.notImplemented.headers['x-trace-id'] }, s3: { operation: 'GetBucketLifecycleConfiguration', bucket } },
    });
    expect(unexpected).toMatchObject({
      tags: { trace_id: responses.unexpected.headers['x-trace-id'], 's3.operation': 'PutObject', 's3.bucket': bucket, 's3.error_code': 'InternalError' },
      contexts: { trace: { trace_id: responses.unexpected.headers['x-trace-id'] }, s3: { operation: 'PutObject', bucket, key: 'loop/object.bin' } },
    });
    // The unexpected failure is reported as itself: the file-system error with its stack.
    expect(JSON.stringify(unexpected?.exception)).toContain('ELOOP');
  });

  it('logs each request at debug level with its trace id', () => {
    for (const response of Object.values(responses)) {
      expect(child.output()).toContain(`trace_id=${String(response.headers['x-trace-id'])} request_id=${String(response.headers['x-amz-request-id'])}`);
    }
    expect(child.output()).toMatch(new RegExp(`PUT /${bucket}/loop/object.bin PutObject 500 [\\d.]+ ms trace_id=`));
  });

  it('flushes the spans at SIGTERM, and never sent 4xx answers to Sentry', async () => {
    expect(otlp.exportCount()).toBe(0);
    await child.stop();
    expect(child.process.exitCode).toBe(0);

    // Stopping closed Sentry too: whatever was queued has been delivered.
    expect(sentry.events().map((event) => (event.tags as Record<string, string>)['s3.error_code']).sort()).toEqual(['InternalError', 'NotImplemented']);

    const spans = await otlp.waitFor((all) => Object.values(responses).every((r) => traceSpans(all, String(r.headers['x-trace-id'])).length > 0));
    const failed = traceSpans(spans, String(responses.unexpected.headers['x-trace-id']));
    const rootSpan = spanNamed(failed, 'S3.PutObject');
    // With Sentry on too the tree holds together; the write failed before any file I/O.
    expect(treeOf(failed, rootSpan)).toEqual({ name: 'S3.PutObject', children: [leaf('Auth.V4Signature'), leaf('Backend.PutObject')] });
    expect(spanNamed(failed, 'Backend.PutObject').status.code).toBe(STATUS_ERROR);
    expect(rootSpan.status.code).toBe(STATUS_ERROR);
    expect(rootSpan.attributes).toMatchObject({ 's3.error_code': 'InternalError', 'http.status_code': 500 });
    expect(rootSpan.resource['service.name']).toBe('tracegw-built');
    // Sentry's event points at this very span.
    const event = eventOf('InternalError') as { contexts: { trace: { span_id: string } } };
    expect(event.contexts.trace.span_id).toBe(rootSpan.spanId);
  });
});

describe('the built gateway with --sentry-enabled and tracing off', () => {
  it("reports a 5xx with the response's X-Trace-ID", async () => {
    const root = await mkdtemp(join(tmpdir(), 'tracegw-sentry-only-'));
    const sentry = await startSentryReceiver();
    const child = await spawnGateway(root, ['--sentry-enabled', '--sentry-dsn', sentry.dsn]);
    try {
      const credentials = { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET };
      await signedRequest(child.port, credentials, { method: 'PUT', path: '/untraced' });
      const response = await signedRequest(child.port, credentials, { method: 'GET', path: '/untraced', query: { lifecycle: '' } });
      expect(response.status).toBe(501);
      const [event] = await sentry.waitForEvents(1);
      expect(event).toMatchObject({
        tags: { trace_id: response.headers['x-trace-id'], request_id: response.headers['x-amz-request-id'], 's3.operation': 'GetBucketLifecycleConfiguration' },
        contexts: { trace: { trace_id: response.headers['x-trace-id'] } },
      });
    } finally {
      await child.stop();
      await sentry.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
