import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver';
import { type RawResponse, signedRequest } from '../support/signed-request';
import { type RunningAzurite, startAzurite } from '../support/azurite';
import { leaf, spanNamed, treeOf } from '../tracing/support/span-tree';
import { responseSpans, startTracedGateway, type TracedGateway } from '../tracing/support/traced-gateway';

const SPAN_KIND_CLIENT = 3;

/** Backend.<Operation> with backend.type azure, and under it each Azure call as a client span with its HTTP attributes. */
describe('azure backend: span tree (OTLP/gRPC, Azurite)', () => {
  let receiver: OtlpReceiver;
  let azurite: RunningAzurite;
  let traced: TracedGateway;
  const bucket = 'traced';

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    azurite = await startAzurite();
    traced = await startTracedGateway({ endpoint: receiver.endpoint, serviceName: 'tracegw-azure' }, {}, () => ({ backend: azurite.backend }));
    await send({ method: 'PUT', path: `/${bucket}` });
  });
  afterAll(async () => {
    await traced?.stop();
    await azurite?.stop();
    await receiver?.close();
  });

  const send = (req: Parameters<typeof signedRequest>[2]): Promise<RawResponse> => signedRequest(traced.gateway.port, traced.gateway.rootCredentials, req);

  const spansOf = (response: RawResponse, count: number): Promise<ReceivedSpan[]> => responseSpans(traced, receiver, response, count);

  it('PutObject: S3.PutObject → Auth.V4Signature, Backend.PutObject → Azure.PutBlob (client, http.*)', async () => {
    const response = await send({ method: 'PUT', path: `/${bucket}/a.txt`, body: 'hello azure spans' });
    expect(response.status).toBe(200);
    const spans = await spansOf(response, 4);
    const root = spanNamed(spans, 'S3.PutObject');
    expect(treeOf(spans, root)).toEqual({ name: 'S3.PutObject', children: [leaf('Auth.V4Signature'), { name: 'Backend.PutObject', children: [leaf('Azure.PutBlob')] }] });
    expect(spanNamed(spans, 'Backend.PutObject').attributes).toMatchObject({ 'backend.type': 'azure', 'backend.operation': 'PutObject', 's3.bucket': bucket, 's3.key': 'a.txt' });
    const call = spanNamed(spans, 'Azure.PutBlob');
    expect(call.kind).toBe(SPAN_KIND_CLIENT);
    expect(call.attributes).toMatchObject({
      'http.method': 'PUT',
      'http.request.method': 'PUT',
      'http.url': `${azurite.serviceUrl}${bucket}/a.txt`,
      'url.full': `${azurite.serviceUrl}${bucket}/a.txt`,
      'http.status_code': 201,
      'http.response.status_code': 201,
      'server.address': '127.0.0.1',
      'server.port': azurite.port,
    });
    expect(typeof call.attributes['azure.request_id']).toBe('string');
    expect(typeof call.attributes.duration_ms).toBe('number');
  });

  it('CopyObject: Backend.CopyObject → Azure.GetBlobProperties (the source), Azure.CopyBlobFromURL (in the service)', async () => {
    await send({ method: 'PUT', path: `/${bucket}/src.txt`, body: 'copy me' });
    const response = await send({ method: 'PUT', path: `/${bucket}/dst.txt`, headers: { 'x-amz-copy-source': `/${bucket}/src.txt` } });
    expect(response.status).toBe(200);
    const spans = await spansOf(response, 5);
    const backend = spanNamed(spans, 'Backend.CopyObject');
    expect(treeOf(spans, backend)).toEqual({ name: 'Backend.CopyObject', children: [leaf('Azure.GetBlobProperties'), leaf('Azure.CopyBlobFromURL')] });
    expect(spanNamed(spans, 'Azure.CopyBlobFromURL').attributes).toMatchObject({ 'http.method': 'PUT', 'http.status_code': 202, 'url.full': `${azurite.serviceUrl}${bucket}/dst.txt` });
  });

  it('GetObject and HeadObject: the read is Azure.GetBlob / Azure.GetBlobProperties under Backend.<Operation>', async () => {
    await send({ method: 'PUT', path: `/${bucket}/read.txt`, body: 'read me' });
    const got = await send({ method: 'GET', path: `/${bucket}/read.txt` });
    expect(got.status).toBe(200);
    const getSpans = await spansOf(got, 4);
    expect(treeOf(getSpans, spanNamed(getSpans, 'Backend.GetObject'))).toEqual({ name: 'Backend.GetObject', children: [leaf('Azure.GetBlob')] });
    expect(spanNamed(getSpans, 'Azure.GetBlob').attributes).toMatchObject({ 'http.method': 'GET', 'http.status_code': 200, 'url.full': `${azurite.serviceUrl}${bucket}/read.txt` });

    const head = await send({ method: 'HEAD', path: `/${bucket}/read.txt` });
    expect(head.status).toBe(200);
    const headSpans = await spansOf(head, 4);
    expect(treeOf(headSpans, spanNamed(headSpans, 'Backend.HeadObject'))).toEqual({ name: 'Backend.HeadObject', children: [leaf('Azure.GetBlobProperties')] });
    expect(spanNamed(headSpans, 'Azure.GetBlobProperties').attributes).toMatchObject({ 'http.method': 'HEAD', 'http.status_code': 200 });
  });

  it('ListObjectsV2 and ListBuckets: Azure.ListBlobs / Azure.ListContainers under Backend.<Operation>', async () => {
    const listed = await send({ method: 'GET', path: `/${bucket}`, query: { 'list-type': '2' } });
    expect(listed.status).toBe(200);
    const listSpans = await spansOf(listed, 4);
    const listCalls = treeOf(listSpans, spanNamed(listSpans, 'Backend.ListObjectsV2')).children;
    expect(listCalls.length).toBeGreaterThan(0);
    expect(listCalls.every((child) => child.name === 'Azure.ListBlobs')).toBe(true);

    const buckets = await send({ method: 'GET', path: '/' });
    expect(buckets.status).toBe(200);
    const bucketSpans = await spansOf(buckets, 4);
    expect(treeOf(bucketSpans, spanNamed(bucketSpans, 'Backend.ListBuckets'))).toEqual({ name: 'Backend.ListBuckets', children: [leaf('Azure.ListContainers')] });
  });

  it('DeleteObject and a failed read: the call is recorded with its status, also when Azure answers 404', async () => {
    const deleted = await send({ method: 'DELETE', path: `/${bucket}/read.txt` });
    expect(deleted.status).toBe(204);
    const deleteSpans = await spansOf(deleted, 4);
    expect(treeOf(deleteSpans, spanNamed(deleteSpans, 'Backend.DeleteObject'))).toEqual({ name: 'Backend.DeleteObject', children: [leaf('Azure.DeleteBlob')] });

    const missing = await send({ method: 'GET', path: `/${bucket}/read.txt` });
    expect(missing.status).toBe(404);
    const missingSpans = await spansOf(missing, 4);
    expect(spanNamed(missingSpans, 'Azure.GetBlob').attributes).toMatchObject({ 'http.status_code': 404, 'azure.error_code': 'BlobNotFound' });
  });
});
