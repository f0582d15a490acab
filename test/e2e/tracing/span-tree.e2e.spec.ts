import { randomBytes } from 'node:crypto';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver';
import { type RawResponse, signedRequest, xmlCode } from '../support/signed-request';
import { leaf, SPAN_KIND_INTERNAL, SPAN_KIND_SERVER, spanNamed, STATUS_ERROR, STATUS_UNSET, treeOf } from './support/span-tree';
import { responseSpans, startTracedGateway, type TracedGateway } from './support/traced-gateway';

/** Every span of the guide's tree, exported over gRPC by the real gateway to a collector on loopback. */
describe('span tree of S3 requests (OTLP/gRPC)', () => {
  let receiver: OtlpReceiver;
  let traced: TracedGateway;
  const bucket = 'traced';
  const body = 'hello, traces\n';

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    traced = await startTracedGateway({ endpoint: receiver.endpoint, serviceName: 'tracegw-spans', environment: 'staging' });
    await send({ method: 'PUT', path: `/${bucket}` });
  });
  afterAll(async () => {
    await traced?.stop();
    await receiver?.close();
  });

  function send(req: Parameters<typeof signedRequest>[2]): Promise<RawResponse> {
    return signedRequest(traced.gateway.port, traced.gateway.rootCredentials, { ...req, headers: { 'user-agent': 'trace-test/1.0', ...req.headers } });
  }

  const spansOf = (response: RawResponse, count: number): Promise<ReceivedSpan[]> => responseSpans(traced, receiver, response, count);

  it('PutObject: S3.PutObject → Auth.V4Signature, Backend.PutObject → OpenTmpFile, WriteData, LinkFile', async () => {
    const response = await send({ method: 'PUT', path: `/${bucket}/dir/put.txt`, body });
    expect(response.status).toBe(200);
    const spans = await spansOf(response, 6);
    const root = spanNamed(spans, 'S3.PutObject');
    expect(treeOf(spans, root)).toEqual({
      name: 'S3.PutObject',
      children: [
        leaf('Auth.V4Signature'),
        { name: 'Backend.PutObject', children: [leaf('Posix.IO.OpenTmpFile'), leaf('Posix.IO.WriteData'), leaf('Posix.IO.LinkFile')] },
      ],
    });
    expect(spans).toHaveLength(6);
    expect(root.traceId).toBe(response.headers['x-trace-id']);
    expect(root.parentSpanId).toBe('');
    expect(root.kind).toBe(SPAN_KIND_SERVER);
    expect(root.status.code).toBe(STATUS_UNSET);
    expect(root.attributes).toEqual({
      'http.method': 'PUT',
      'http.request.method': 'PUT',
      'http.url': `/${bucket}/dir/put.txt`,
      'url.path': `/${bucket}/dir/put.txt`,
      'http.status_code': 200,
      'http.response.status_code': 200,
      's3.bucket': bucket,
      's3.key': 'dir/put.txt',
      's3.operation': 'PutObject',
      'http.client_ip': '127.0.0.1',
      'client.address': '127.0.0.1',
      'http.user_agent': 'trace-test/1.0',
      'user_agent.original': 'trace-test/1.0',
    });
    expect(root.resource).toMatchObject({
      'service.name': 'tracegw-spans',
      'service.version': expect.stringMatching(/^\d+\.\d+\.\d+/),
      'deployment.environment': 'staging',
      'deployment.environment.name': 'staging',
    });

    const auth = spanNamed(spans, 'Auth.V4Signature');
    expect(auth.kind).toBe(SPAN_KIND_INTERNAL);
    expect(auth.attributes).toEqual({
      'auth.method': 'v4-header',
      'auth.access_key': traced.gateway.rootCredentials.access,
      'auth.role': 'admin',
      'auth.is_root': true,
      duration_ms: expect.any(Number),
    });

    const backend = spanNamed(spans, 'Backend.PutObject');
    expect(backend.attributes).toEqual({
      'backend.type': 'posix',
      'backend.operation': 'PutObject',
      's3.bucket': bucket,
      's3.key': 'dir/put.txt',
      's3.content_length': body.length,
      's3.etag': expect.stringMatching(/^[0-9a-f]{32}$/),
      duration_ms: expect.any(Number),
    });

    expect(spanNamed(spans, 'Posix.IO.OpenTmpFile').attributes).toEqual({
      'posix.dir': `${traced.gateway.root}/${bucket}/.sgwtmp`,
      'posix.bucket': bucket,
      'posix.object': 'dir/put.txt',
      'posix.size': body.length,
      duration_ms: expect.any(Number),
    });
    const write = spanNamed(spans, 'Posix.IO.WriteData').attributes;
    expect(write).toEqual({
      'posix.bytes_written': body.length,
      'posix.duration_ms': expect.any(Number),
      'posix.throughput_mbps': expect.any(Number),
      duration_ms: expect.any(Number),
    });
    expect(spanNamed(spans, 'Posix.IO.LinkFile').attributes).toEqual({
      'posix.bucket': bucket,
      'posix.object': 'dir/put.txt',
      duration_ms: expect.any(Number),
    });
  });

  it('GetObject: S3.GetObject → Auth.V4Signature, Backend.GetObject with the object size and ETag', async () => {
    await send({ method: 'PUT', path: `/${bucket}/get.txt`, body });
    const response = await send({ method: 'GET', path: `/${bucket}/get.txt` });
    expect(response.body).toBe(body);
    const spans = await spansOf(response, 3);
    const root = spanNamed(spans, 'S3.GetObject');
    expect(treeOf(spans, root)).toEqual({ name: 'S3.GetObject', children: [leaf('Auth.V4Signature'), leaf('Backend.GetObject')] });
    expect(spans).toHaveLength(3);
    expect(root.attributes).toMatchObject({ 'http.method': 'GET', 'http.status_code': 200, 's3.operation': 'GetObject', 's3.key': 'get.txt' });
    expect(spanNamed(spans, 'Backend.GetObject').attributes).toEqual({
      'backend.type': 'posix',
      'backend.operation': 'GetObject',
      's3.bucket': bucket,
      's3.key': 'get.txt',
      's3.content_length': body.length,
      's3.etag': expect.stringMatching(/^[0-9a-f]{32}$/),
      duration_ms: expect.any(Number),
    });
  });

  it('an authentication failure: the root and Auth.V4Signature spans carry the error, no backend span exists', async () => {
    const response = await send({ method: 'GET', path: `/${bucket}/get.txt`, credentials: { access: traced.gateway.rootCredentials.access, secret: 'wrong-secret' } });
    expect(response.status).toBe(403);
    expect(xmlCode(response.body)).toBe('SignatureDoesNotMatch');
    const spans = await spansOf(response, 2);
    const root = spanNamed(spans, 'S3.GetObject');
    expect(treeOf(spans, root)).toEqual({ name: 'S3.GetObject', children: [leaf('Auth.V4Signature')] });
    expect(root.status.code).toBe(STATUS_ERROR);
    expect(root.attributes).toMatchObject({ 'http.status_code': 403, 'http.response.status_code': 403, 's3.error_code': 'SignatureDoesNotMatch' });
    const auth = spanNamed(spans, 'Auth.V4Signature');
    expect(auth.status.code).toBe(STATUS_ERROR);
    expect(auth.attributes).toMatchObject({ 's3.error_code': 'SignatureDoesNotMatch' });
    expect(auth.events.map((event) => event.name)).toEqual(['exception']);
  });

  it('NoSuchKey: Backend.GetObject and the root record the S3 error code', async () => {
    const response = await send({ method: 'GET', path: `/${bucket}/missing.txt` });
    expect(response.status).toBe(404);
    const spans = await spansOf(response, 3);
    const root = spanNamed(spans, 'S3.GetObject');
    expect(treeOf(spans, root)).toEqual({ name: 'S3.GetObject', children: [leaf('Auth.V4Signature'), leaf('Backend.GetObject')] });
    expect(root.status.code).toBe(STATUS_ERROR);
    expect(root.attributes).toMatchObject({ 'http.status_code': 404, 's3.error_code': 'NoSuchKey', 's3.key': 'missing.txt' });
    const backend = spanNamed(spans, 'Backend.GetObject');
    expect(backend.status.code).toBe(STATUS_ERROR);
    expect(backend.attributes).toMatchObject({ 's3.error_code': 'NoSuchKey', 's3.key': 'missing.txt' });
    expect(spanNamed(spans, 'Auth.V4Signature').status.code).toBe(STATUS_UNSET);
  });

  it("a client's traceparent: the root span is its child, in the client's trace, which X-Trace-ID names", async () => {
    const clientTrace = randomBytes(16).toString('hex');
    const clientSpan = randomBytes(8).toString('hex');
    const response = await send({
      method: 'HEAD',
      path: `/${bucket}/get.txt`,
      headers: { traceparent: `00-${clientTrace}-${clientSpan}-01`, tracestate: 'vendor=value' },
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-trace-id']).toBe(clientTrace);
    const spans = await spansOf(response, 3);
    const root = spanNamed(spans, 'S3.HeadObject');
    expect(root.traceId).toBe(clientTrace);
    expect(root.parentSpanId).toBe(clientSpan);
    // tracestate travels with the trace, to every span of the request.
    expect(spans.map((span) => span.traceState)).toEqual(['vendor=value', 'vendor=value', 'vendor=value']);
    expect(treeOf(spans, root)).toEqual({ name: 'S3.HeadObject', children: [leaf('Auth.V4Signature'), leaf('Backend.HeadObject')] });
  });

  it('a request whose operation cannot be told is S3.Unknown, with its error', async () => {
    const response = await send({ method: 'PATCH', path: `/${bucket}/get.txt` });
    expect(response.status).toBe(405);
    const spans = await spansOf(response, 1);
    const root = spanNamed(spans, 'S3.Unknown');
    expect(treeOf(spans, root)).toEqual(leaf('S3.Unknown'));
    expect(root.kind).toBe(SPAN_KIND_SERVER);
    expect(root.status.code).toBe(STATUS_ERROR);
    expect(root.attributes).toMatchObject({ 'http.method': 'PATCH', 'http.status_code': 405, 's3.error_code': 'MethodNotAllowed' });
  });

  it('the journal row of a traced request holds the trace id of its root span', async () => {
    const response = await send({ method: 'GET', path: `/${bucket}/journaled.txt` });
    const traceId = String(response.headers['x-trace-id']);
    const { writer, repository } = traced.gateway.gateway.services.history;
    const rows = () => repository.list({ traceId }, { limit: 10 });
    // The row is queued when the response closes, a moment after the client has it.
    for (let i = 0; i < 100 && rows().length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      writer.flush();
    }
    expect(rows()).toEqual([expect.objectContaining({ traceId, requestId: response.headers['x-amz-request-id'], operation: 'GetObject', errorCode: 'NoSuchKey' })]);
    const spans = await spansOf(response, 3);
    expect(spanNamed(spans, 'S3.GetObject').traceId).toBe(traceId);
  });

  it('every response carries the trace id of its own root span', async () => {
    const first = await send({ method: 'GET', path: '/' });
    const second = await send({ method: 'GET', path: '/' });
    expect(first.headers['x-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(second.headers['x-trace-id']).not.toBe(first.headers['x-trace-id']);
    const spans = await spansOf(second, 3);
    expect(spanNamed(spans, 'S3.ListBuckets').traceId).toBe(second.headers['x-trace-id']);
  });
});
