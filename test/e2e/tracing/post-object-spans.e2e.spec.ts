import { createHmac } from 'node:crypto';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver';
import { signedRequest } from '../support/signed-request';
import { leaf, spanNamed, traceSpans, treeOf } from './support/span-tree';
import { startTracedGateway, type TracedGateway } from './support/traced-gateway';

/** A browser upload's trace: S3.PostObject, its form's signature checked in the auth span, the write under Backend.PostObject. */
describe('spans of POST Object', () => {
  let receiver: OtlpReceiver;
  let traced: TracedGateway;
  const bucket = 'formtraced';

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    traced = await startTracedGateway({ endpoint: receiver.endpoint, serviceName: 'tracegw-post', environment: 'test' });
    await signedRequest(traced.gateway.port, traced.gateway.rootCredentials, { method: 'PUT', path: `/${bucket}` });
  });
  afterAll(async () => {
    await traced?.stop();
    await receiver?.close();
  });

  async function postSpans(url: string, fields: Record<string, string>): Promise<ReceivedSpan[]> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['traced form']), 'f.txt');
    const res = await fetch(url, { method: 'POST', body: form });
    expect(res.status).toBe(204);
    const traceId = res.headers.get('x-trace-id') ?? '';
    await traced.telemetry.flush();
    await receiver.waitFor((spans) => traceSpans(spans, traceId).length >= 6);
    return traceSpans(receiver.spans, traceId);
  }

  it('SigV4 form: S3.PostObject → Auth.V4Signature (v4-post), Backend.PostObject → the PUT path', async () => {
    const client = traced.gateway.s3();
    const { url, fields } = await createPresignedPost(client as unknown as Parameters<typeof createPresignedPost>[0], { Bucket: bucket, Key: 'v4.txt' });
    const spans = await postSpans(url, fields);
    expect(treeOf(spans, spanNamed(spans, 'S3.PostObject'))).toEqual({
      name: 'S3.PostObject',
      children: [
        leaf('Auth.V4Signature'),
        { name: 'Backend.PostObject', children: [leaf('Posix.IO.OpenTmpFile'), leaf('Posix.IO.WriteData'), leaf('Posix.IO.LinkFile')] },
      ],
    });
    // The form names the key the URL does not.
    expect(spanNamed(spans, 'S3.PostObject').attributes).toMatchObject({ 's3.operation': 'PostObject', 's3.bucket': bucket, 's3.key': 'v4.txt' });
    expect(spanNamed(spans, 'Auth.V4Signature').attributes).toMatchObject({ 'auth.method': 'v4-post', 'auth.access_key': traced.gateway.rootCredentials.access });
    expect(spanNamed(spans, 'Backend.PostObject').attributes).toMatchObject({ 'backend.operation': 'PostObject', 's3.bucket': bucket, 's3.key': 'v4.txt' });
  });

  it('SigV2 form: Auth.V2Signature (v2-post)', async () => {
    const policy = Buffer.from(JSON.stringify({ expiration: new Date(Date.now() + 60_000).toISOString(), conditions: [{ bucket }, { key: 'v2.txt' }] })).toString('base64');
    const signature = createHmac('sha1', traced.gateway.rootCredentials.secret).update(policy).digest('base64');
    const spans = await postSpans(`${traced.gateway.endpoint}/${bucket}`, { key: 'v2.txt', AWSAccessKeyId: traced.gateway.rootCredentials.access, policy, signature });
    expect(spanNamed(spans, 'Auth.V2Signature').attributes).toMatchObject({ 'auth.method': 'v2-post', 'auth.is_root': true });
  });
});
