import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver';
import { type RawResponse, signedRequest } from '../support/signed-request';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { childrenOf, traceSpans } from '../tracing/support/span-tree';
import { startTracedGateway, type TracedGateway } from '../tracing/support/traced-gateway';
import { META_BUCKET } from './s3proxy-gateway';

const SPAN_KIND_CLIENT = 3;
const PROXY = 'tracegw-proxy';
const UPSTREAM = 'tracegw-upstream';

/** The one span of that name the given gateway (by its service.name) sent. */
function spanOf(spans: readonly ReceivedSpan[], service: string, name: string): ReceivedSpan {
  const found = spans.filter((span) => span.name === name && span.resource['service.name'] === service);
  if (found.length !== 1) throw new Error(`expected one ${name} of ${service}, found ${found.length} among ${spans.map((s) => `${s.name}@${String(s.resource['service.name'])}`).join(', ')}`);
  return found[0];
}

/**
 * tracegw s3 (in-process) in front of tracegw posix (the built gateway, its own process), both
 * exporting to one OTLP receiver: the proxy's traceparent on each upstream request makes one trace
 * of both gateways' spans, the upstream's request under the proxy's S3Proxy.<Operation> client span.
 */
describe('s3proxy backend: one trace across chained gateways (OTLP/gRPC)', () => {
  let receiver: OtlpReceiver;
  let root: string;
  let upstream: ChildGateway;
  let proxy: TracedGateway;
  const bucket = 'chained';

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    root = await mkdtemp(join(tmpdir(), 'tracegw-chained-'));
    upstream = await spawnGateway(root, ['--otel-enabled', '--otel-insecure', '--otel-endpoint', receiver.endpoint, '--otel-service-name', UPSTREAM], {
      env: { OTEL_BSP_SCHEDULE_DELAY: '50' },
    });
    const client = new S3Client({ endpoint: upstream.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: TEST_ROOT_ACCESS, secretAccessKey: TEST_ROOT_SECRET } });
    await client.send(new CreateBucketCommand({ Bucket: META_BUCKET }));
    client.destroy();
    proxy = await startTracedGateway({ endpoint: receiver.endpoint, serviceName: PROXY }, {}, () => ({
      backend: { type: 's3proxy', endpoint: upstream.endpoint, access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET, region: 'us-east-1', usePathStyle: true, disableChecksum: false, metaBucket: META_BUCKET },
    }));
    await send({ method: 'PUT', path: `/${bucket}` });
  });
  afterAll(async () => {
    await proxy?.stop();
    await upstream?.stop();
    await receiver?.close();
    await rm(root, { recursive: true, force: true });
  });

  const send = (req: Parameters<typeof signedRequest>[2]): Promise<RawResponse> => signedRequest(proxy.gateway.port, proxy.gateway.rootCredentials, req);

  /** The response's trace once both gateways' root spans of `operation` are in. */
  async function chainedSpans(response: RawResponse, operation: string): Promise<ReceivedSpan[]> {
    const traceId = response.headers['x-trace-id'];
    if (typeof traceId !== 'string') throw new Error('no X-Trace-ID');
    await proxy.telemetry.flush();
    const complete = (spans: ReceivedSpan[]): boolean => {
      const trace = traceSpans(spans, traceId);
      const upstreamBackend = trace.some((span) => span.name === `Backend.${operation}` && span.resource['service.name'] === UPSTREAM);
      return upstreamBackend && trace.some((span) => span.name === `S3.${operation}` && span.resource['service.name'] === PROXY);
    };
    await receiver.waitFor(complete, 10_000);
    return traceSpans(receiver.spans, traceId);
  }

  /** Proxy's S3.<Op> → Backend.<Op> (s3proxy) → S3Proxy.<Op> (client, http.*) → upstream's S3.<Op> → its Backend.<Op> (posix). */
  function expectChain(spans: ReceivedSpan[], operation: string, method: string, status: number): void {
    const backend = spanOf(spans, PROXY, `Backend.${operation}`);
    expect(backend.attributes).toMatchObject({ 'backend.type': 's3proxy', 'backend.operation': operation });
    expect(childrenOf(spans, backend).map((span) => span.name)).toEqual([`S3Proxy.${operation}`]);
    const call = childrenOf(spans, backend)[0];
    expect(call.kind).toBe(SPAN_KIND_CLIENT);
    expect(call.attributes).toMatchObject({
      'http.method': method,
      'http.request.method': method,
      'http.status_code': status,
      'http.response.status_code': status,
      'server.address': '127.0.0.1',
      'server.port': upstream.port,
      'rpc.system': 'aws-api',
      'rpc.method': operation,
    });
    expect(String(call.attributes['url.full'])).toMatch(new RegExp(`^${upstream.endpoint}/${bucket}`));
    const served = spanOf(spans, UPSTREAM, `S3.${operation}`);
    expect(served.parentSpanId).toBe(call.spanId);
    expect(childrenOf(spans, served).map((span) => span.name)).toContain(`Backend.${operation}`);
    expect(spanOf(spans, UPSTREAM, `Backend.${operation}`).attributes).toMatchObject({ 'backend.type': 'posix' });
    // The proxy's request is the trace's root: nothing above it.
    expect(spanOf(spans, PROXY, `S3.${operation}`).parentSpanId).toBe('');
  }

  it('PutObject: the upstream’s S3.PutObject under the proxy’s S3Proxy.PutObject, in the proxy’s trace', async () => {
    const response = await send({ method: 'PUT', path: `/${bucket}/a.txt`, body: 'hello, chained spans' });
    expect(response.status).toBe(200);
    expectChain(await chainedSpans(response, 'PutObject'), 'PutObject', 'PUT', 200);
  });

  it('GetObject: the same chain, the body streamed back through it', async () => {
    const response = await send({ method: 'GET', path: `/${bucket}/a.txt` });
    expect(response.status).toBe(200);
    expect(response.body).toBe('hello, chained spans');
    expectChain(await chainedSpans(response, 'GetObject'), 'GetObject', 'GET', 200);
  });

  it('DeleteObjects: one upstream DeleteObjects for the whole batch', async () => {
    await send({ method: 'PUT', path: `/${bucket}/b.txt`, body: 'b' });
    const body = '<Delete><Object><Key>a.txt</Key></Object><Object><Key>b.txt</Key></Object></Delete>';
    const md5 = createHash('md5').update(body).digest('base64');
    const response = await send({ method: 'POST', path: `/${bucket}`, query: { delete: '' }, body, headers: { 'content-md5': md5 } });
    expect(response.status).toBe(200);
    // expectChain holds Backend.DeleteObjects to one child: no DeleteObject per key.
    expectChain(await chainedSpans(response, 'DeleteObjects'), 'DeleteObjects', 'POST', 200);
    expect(response.body).toContain('<Deleted><Key>a.txt</Key></Deleted>');
  });
});
