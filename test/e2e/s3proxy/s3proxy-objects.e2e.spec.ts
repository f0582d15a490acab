import {
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { errorCode } from '../support/s3-error-code';
import { objectCases } from '../support/backend-cases/object-cases';
import { META_BUCKET, type ProxiedGateway, startProxiedGateway } from './s3proxy-gateway';

/** Buckets and objects through a tracegw s3 in front of a tracegw posix, @aws-sdk/client-s3 in front of both. */
describe('s3proxy backend: buckets and objects (tracegw s3 → tracegw posix)', () => {
  let gw: ProxiedGateway;
  let s3: S3Client;
  let upstream: S3Client;
  const Bucket = 'objects';

  beforeAll(async () => {
    gw = await startProxiedGateway();
    s3 = gw.proxy.s3();
    upstream = gw.upstream.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  afterAll(() => gw?.stop());

  it('makes the bucket upstream, lists it (not the meta bucket) and knows it as its creator’s', async () => {
    await expect(upstream.send(new HeadBucketCommand({ Bucket }))).resolves.toBeDefined();
    const listed = await s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((b) => b.Name)).toEqual([Bucket]);
    expect(await errorCode(s3.send(new HeadBucketCommand({ Bucket: META_BUCKET })))).toBe('NotFound');
    expect(await errorCode(s3.send(new CreateBucketCommand({ Bucket })))).toBe('BucketAlreadyOwnedByYou');
    expect(await errorCode(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })))).toBe('NotFound');
  });

  it('keeps tags upstream, replaces them and removes them', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'tagged.txt', Body: 't', Tagging: 'team=blue&tier=gold' }));
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }));
    expect(tags.TagSet).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'blue' }, { Key: 'tier', Value: 'gold' }]));
    expect((await upstream.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }))).TagSet).toHaveLength(2);
    await s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'tagged.txt', Tagging: { TagSet: [{ Key: 'team', Value: 'red' }] } }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'tagged.txt' }))).TagSet).toEqual([{ Key: 'team', Value: 'red' }]);
    expect(await errorCode(s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'nothing-here' })))).toBe('NoSuchKey');
  });

  objectCases(() => s3, Bucket, {
    body: async (key) => (await (await upstream.send(new GetObjectCommand({ Bucket, Key: key }))).Body?.transformToString()) ?? '',
    metadata: async (key) => (await upstream.send(new HeadObjectCommand({ Bucket, Key: key }))).Metadata ?? {},
    contentDisposition: async (key) => (await upstream.send(new HeadObjectCommand({ Bucket, Key: key }))).ContentDisposition,
  });
});
