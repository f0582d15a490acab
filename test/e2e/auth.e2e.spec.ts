import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';
import { signedRequest, xmlCode } from './support/signed-request';

describe('authentication and access (real gateway)', () => {
  let gw: RunningGateway;
  let root: S3Client;
  const user = { access: 'PLAINUSER', secret: 'plain-user-secret' };
  const plus = { access: 'PLUSUSER', secret: 'plus-user-secret' };

  beforeAll(async () => {
    gw = await startGateway();
    root = gw.s3();
    gw.gateway.services.iam.createAccount({ ...user, role: 'user' });
    gw.gateway.services.iam.createAccount({ ...plus, role: 'userplus' });
    await root.send(new CreateBucketCommand({ Bucket: 'rootbucket' }));
    await root.send(new PutObjectCommand({ Bucket: 'rootbucket', Key: 'secret.txt', Body: 'root only' }));
  });
  afterAll(() => gw.stop());

  it('refuses anonymous requests with AccessDenied and a request id', async () => {
    const res = await fetch(`${gw.endpoint}/rootbucket/secret.txt`);
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(xmlCode(body)).toBe('AccessDenied');
    expect(body).toContain(`<RequestId>${res.headers.get('x-amz-request-id')}</RequestId>`);
    expect(body).toContain('<Resource>/rootbucket/secret.txt</Resource>');
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidAccessKeyId', async () => {
    const wrong = gw.s3({ access: gw.rootCredentials.access, secret: 'not-the-secret' });
    expect(await errorCode(wrong.send(new ListBucketsCommand({})))).toBe('SignatureDoesNotMatch');
    const unknown = gw.s3({ access: 'NOSUCHKEY', secret: 'whatever' });
    expect(await errorCode(unknown.send(new ListBucketsCommand({})))).toBe('InvalidAccessKeyId');
  });

  it('refuses a request signed 16 minutes off with RequestTimeTooSkewed', async () => {
    const res = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/', signingDate: new Date(Date.now() - 16 * 60_000) });
    expect(res.status).toBe(403);
    expect(xmlCode(res.body)).toBe('RequestTimeTooSkewed');
  });

  it('serves presigned GET and PUT URLs to plain fetch', async () => {
    const putUrl = await getSignedUrl(root, new PutObjectCommand({ Bucket: 'rootbucket', Key: 'presigned.txt' }), { expiresIn: 300 });
    const put = await fetch(putUrl, { method: 'PUT', body: 'via presigned url' });
    expect(put.status).toBe(200);
    const getUrl = await getSignedUrl(root, new GetObjectCommand({ Bucket: 'rootbucket', Key: 'presigned.txt' }), { expiresIn: 300 });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('via presigned url');
    const tampered = getUrl.replace('presigned.txt', 'secret.txt');
    expect(xmlCode(await (await fetch(tampered)).text())).toBe('SignatureDoesNotMatch');
  });

  it('refuses an expired presigned URL and one valid for more than 7 days', async () => {
    const expired = await getSignedUrl(root, new GetObjectCommand({ Bucket: 'rootbucket', Key: 'secret.txt' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 5 * 60_000),
    });
    const res = await fetch(expired);
    expect(res.status).toBe(403);
    expect(xmlCode(await res.text())).toBe('AccessDenied');
    const tooLong = (await getSignedUrl(root, new GetObjectCommand({ Bucket: 'rootbucket', Key: 'secret.txt' }), { expiresIn: 60 })).replace(
      /X-Amz-Expires=\d+/,
      'X-Amz-Expires=604801',
    );
    expect(xmlCode(await (await fetch(tooLong)).text())).toBe('AuthorizationQueryParametersError');
  });

  it('lets a user work only in buckets it owns', async () => {
    const s3 = gw.s3(user);
    expect(await errorCode(s3.send(new CreateBucketCommand({ Bucket: 'user-bucket' })))).toBe('AccessDenied');
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket: 'rootbucket', Key: 'secret.txt' })))).toBe('AccessDenied');
    expect(await errorCode(s3.send(new PutObjectCommand({ Bucket: 'rootbucket', Key: 'intruder.txt', Body: 'x' })))).toBe('AccessDenied');
    expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });

  it('lets userplus create buckets and use them, and see only its own', async () => {
    const s3 = gw.s3(plus);
    await s3.send(new CreateBucketCommand({ Bucket: 'plus-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'plus-bucket', Key: 'mine.txt', Body: 'mine' }));
    expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['plus-bucket']);
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket: 'rootbucket', Key: 'secret.txt' })))).toBe('AccessDenied');
    expect(await errorCode(s3.send(new CreateBucketCommand({ Bucket: 'rootbucket' })))).toBe('BucketAlreadyExists');
    // Admin sees and reaches every bucket.
    expect((await root.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['plus-bucket', 'rootbucket']);
    const got = await root.send(new GetObjectCommand({ Bucket: 'plus-bucket', Key: 'mine.txt' }));
    expect(await got.Body?.transformToString()).toBe('mine');
  });
});
