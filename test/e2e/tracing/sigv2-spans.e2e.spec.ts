import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver';
import { presignV2, sendV2 } from '../support/sigv2-signer';
import { signedRequest } from '../support/signed-request';
import { leaf, SPAN_KIND_INTERNAL, spanNamed, STATUS_ERROR, traceSpans, treeOf } from './support/span-tree';
import { startTracedGateway, type TracedGateway } from './support/traced-gateway';

/** A SigV2 request's auth span: Auth.V2Signature beside the guide's Auth.V4Signature, with the same attributes. */
describe('auth spans of Signature Version 2 requests', () => {
  let receiver: OtlpReceiver;
  let traced: TracedGateway;
  const bucket = 'v2traced';

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    traced = await startTracedGateway({ endpoint: receiver.endpoint, serviceName: 'tracegw-v2', environment: 'test' });
    await signedRequest(traced.gateway.port, traced.gateway.rootCredentials, { method: 'PUT', path: `/${bucket}` });
  });
  afterAll(async () => {
    await traced?.stop();
    await receiver?.close();
  });

  async function spansOf(traceId: string | string[] | undefined, count: number): Promise<ReceivedSpan[]> {
    if (typeof traceId !== 'string') throw new Error('no X-Trace-ID');
    await traced.telemetry.flush();
    await receiver.waitFor((spans) => traceSpans(spans, traceId).length >= count);
    return traceSpans(receiver.spans, traceId);
  }

  const rootAttributes = () => ({
    'auth.access_key': traced.gateway.rootCredentials.access,
    'auth.role': 'admin',
    'auth.is_root': true,
    duration_ms: expect.any(Number),
  });

  it('header form: S3.PutObject → Auth.V2Signature (auth.method v2-header), Backend.PutObject', async () => {
    const res = await sendV2(traced.gateway.port, traced.gateway.rootCredentials, { method: 'PUT', path: `/${bucket}/a.txt`, body: 'v2' });
    expect(res.status).toBe(200);
    const spans = await spansOf(res.headers['x-trace-id'], 6);
    const root = spanNamed(spans, 'S3.PutObject');
    expect(treeOf(spans, root).children[0]).toEqual(leaf('Auth.V2Signature'));
    const auth = spanNamed(spans, 'Auth.V2Signature');
    expect(auth.kind).toBe(SPAN_KIND_INTERNAL);
    expect(auth.attributes).toEqual({ 'auth.method': 'v2-header', ...rootAttributes() });
  });

  it('presigned form: auth.method v2-query', async () => {
    const url = presignV2(traced.gateway.endpoint, traced.gateway.rootCredentials, { method: 'GET', path: `/${bucket}/a.txt` }, Math.floor(Date.now() / 1000) + 60);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const spans = await spansOf(res.headers.get('x-trace-id') ?? undefined, 3);
    expect(spanNamed(spans, 'Auth.V2Signature').attributes).toEqual({ 'auth.method': 'v2-query', ...rootAttributes() });
  });

  it('a refused SigV2 request marks its Auth.V2Signature span with the error code', async () => {
    const res = await sendV2(traced.gateway.port, { access: traced.gateway.rootCredentials.access, secret: 'wrong' }, { method: 'GET', path: `/${bucket}/a.txt` });
    expect(res.status).toBe(403);
    const spans = await spansOf(res.headers['x-trace-id'], 2);
    const auth = spanNamed(spans, 'Auth.V2Signature');
    expect(auth.status.code).toBe(STATUS_ERROR);
    expect(auth.attributes['s3.error_code']).toBe('SignatureDoesNotMatch');
  });
});
