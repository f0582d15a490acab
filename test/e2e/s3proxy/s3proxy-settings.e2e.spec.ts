import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  GetObjectTaggingCommand,
  ListBucketsCommand,
  PutBucketAclCommand,
  PutBucketCorsCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { freePort } from '../support/child-gateway';
import { type RunningGateway, startGateway } from '../support/gateway';
import { errorCode, errorStatus } from '../support/s3-error-code';
import { twoUsersWithBuckets } from '../support/two-users';
import { META_BUCKET, type ProxiedGateway, startProxiedGateway } from './s3proxy-gateway';

/** What tracegw keeps about buckets itself (owners, access, CORS) in the meta bucket, tags upstream, and what it cannot do. */
describe('s3proxy backend: bucket settings, access and unsupported operations (tracegw s3 → tracegw posix)', () => {
  let gw: ProxiedGateway;
  let s3: S3Client;
  let upstream: S3Client;
  const Bucket = 'settings';

  beforeAll(async () => {
    gw = await startProxiedGateway();
    s3 = gw.proxy.s3();
    upstream = gw.upstream.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'v' }));
  });
  afterAll(() => gw?.stop());

  it('keeps bucket tags upstream and deletes them with the upstream’s DeleteBucketTagging', async () => {
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'env', Value: 'test' }] } }));
    expect((await upstream.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([{ Key: 'env', Value: 'test' }]);
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([{ Key: 'env', Value: 'test' }]);
    await s3.send(new DeleteBucketTaggingCommand({ Bucket }));
    expect(await errorCode(s3.send(new GetBucketTaggingCommand({ Bucket })))).toBe('NoSuchTagSet');
    expect(await errorCode(upstream.send(new GetBucketTaggingCommand({ Bucket })))).toBe('NoSuchTagSet');
  });

  it('deletes object tags with the upstream’s DeleteObjectTagging', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'tagged', Body: 't', Tagging: 'a=1' }));
    await s3.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'tagged' }));
    expect((await upstream.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged' }))).TagSet).toEqual([]);
  });

  it('keeps a bucket policy and CORS in the meta bucket, under VersityGW’s object names', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }],
    });
    await s3.send(new PutBucketPolicyCommand({ Bucket, Policy: policy }));
    expect(JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy ?? '{}')).toEqual(JSON.parse(policy));
    expect(await (await upstream.send(new GetObjectCommand({ Bucket: META_BUCKET, Key: `vgw-meta-policy-${Bucket}` }))).Body?.transformToString()).toBe(policy);

    await s3.send(new PutBucketCorsCommand({ Bucket, CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['https://example.com'] }] } }));
    expect((await s3.send(new GetBucketCorsCommand({ Bucket }))).CORSRules?.[0]?.AllowedOrigins).toEqual(['https://example.com']);
    await expect(upstream.send(new GetObjectCommand({ Bucket: META_BUCKET, Key: `vgw-meta-cors-${Bucket}` }))).resolves.toBeDefined();
    await s3.send(new DeleteBucketCorsCommand({ Bucket }));
    expect(await errorCode(s3.send(new GetBucketCorsCommand({ Bucket })))).toBe('NoSuchCORSConfiguration');
  });

  it('authenticates its own accounts: each sees only its own buckets, and another’s bucket is AccessDenied', async () => {
    const { alice, bob, aliceBucket, bobBucket } = await twoUsersWithBuckets(gw.proxy, 'proxy');
    expect((await alice.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual([aliceBucket]);
    expect((await s3.send(new GetBucketAclCommand({ Bucket: bobBucket }))).Owner?.ID).toMatch(/^BOBXX/);
    await alice.send(new PutObjectCommand({ Bucket: aliceBucket, Key: 'mine', Body: 'x' }));
    expect(await errorCode(bob.send(new GetObjectCommand({ Bucket: aliceBucket, Key: 'mine' })))).toBe('AccessDenied');
    await alice.send(new PutBucketAclCommand({ Bucket: aliceBucket, ACL: 'public-read' }));
    expect(await (await bob.send(new GetObjectCommand({ Bucket: aliceBucket, Key: 'mine' }))).Body?.transformToString()).toBe('x');
    // A client of the proxy is not one of the upstream: its keys open nothing there.
    const stranger = gw.proxy.s3({ access: 'NOSUCHACCESSKEY00000', secret: 'x'.repeat(40) });
    expect(await errorCode(stranger.send(new ListBucketsCommand({})))).toBe('InvalidAccessKeyId');
  });

  it('answers NotImplemented for what it cannot keep upstream: object lock, object ACLs with grants', async () => {
    expect(await errorCode(s3.send(new CreateBucketCommand({ Bucket: 'locked', ObjectLockEnabledForBucket: true })))).toBe('NotImplemented');
    expect(await errorCode(s3.send(new GetObjectLockConfigurationCommand({ Bucket })))).toBe('NotImplemented');
    expect(await errorCode(s3.send(new PutObjectLockConfigurationCommand({ Bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } })))).toBe('NotImplemented');
    expect(await errorCode(s3.send(new PutObjectAclCommand({ Bucket, Key: 'k', ACL: 'public-read' })))).toBe('NotImplemented');
  });
});

describe('s3proxy backend without a meta bucket', () => {
  let gw: ProxiedGateway;
  let s3: S3Client;

  beforeAll(async () => {
    gw = await startProxiedGateway({ metaBucket: false });
    s3 = gw.proxy.s3();
  });
  afterAll(() => gw?.stop());

  it('makes every bucket the root account’s and cannot change access settings', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
    expect((await s3.send(new GetBucketAclCommand({ Bucket: 'plain' }))).Owner?.ID).toBe(gw.proxy.rootCredentials.access);
    expect(await errorCode(s3.send(new PutBucketAclCommand({ Bucket: 'plain', ACL: 'public-read' })))).toBe('NotImplemented');
    await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'v' }));
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'plain', Key: 'k' }))).Body?.transformToString()).toBe('v');
  });
});

describe('s3proxy backend with its upstream unreachable', () => {
  let gw: RunningGateway;

  beforeAll(async () => {
    // A port just released: nothing listens there.
    const port = await freePort();
    gw = await startGateway(() => ({ backend: { type: 's3proxy', endpoint: `http://127.0.0.1:${port}`, access: 'A', secret: 'B', region: 'us-east-1', usePathStyle: true, disableChecksum: false } }));
  });
  afterAll(() => gw?.stop());

  it('answers InternalError (500), the refused connection kept for the log', async () => {
    const s3 = gw.s3();
    expect(await errorCode(s3.send(new ListBucketsCommand({})))).toBe('InternalError');
    expect(await errorStatus(s3.send(new PutObjectCommand({ Bucket: 'any', Key: 'k', Body: 'v' })))).toBe(500);
  });
});
