import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { errorCode } from '../support/s3-error-code';
import { LISTING_KEYS, listingCases } from '../support/backend-cases/listing-cases';
import { type ProxiedGateway, startProxiedGateway } from './s3proxy-gateway';

/** ListObjects(V2), ListObjectVersions and DeleteObjects: the upstream's own calls, passed through. */
describe('s3proxy backend: listing and batch delete (tracegw s3 → tracegw posix)', () => {
  let gw: ProxiedGateway;
  let s3: S3Client;
  const Bucket = 'listing';

  beforeAll(async () => {
    gw = await startProxiedGateway();
    s3 = gw.proxy.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
    for (const Key of LISTING_KEYS) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
  });
  afterAll(() => gw?.stop());

  it('shows the bucket owner with FetchOwner', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, FetchOwner: true }));
    expect(page.Contents?.map((o) => o.Owner?.ID)).toEqual(LISTING_KEYS.map(() => gw.proxy.rootCredentials.access));
  });

  listingCases(() => s3, Bucket);

  it('lists versions as the upstream keeps them', async () => {
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'c/' }));
    expect(versions.Versions?.map((v) => [v.Key, v.IsLatest])).toEqual([
      ['c/x', true],
      ['c/y', true],
    ]);
  });

  it('deletes a batch in one upstream DeleteObjects, reporting each key (absent ones too), quietly when asked', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'batch/1', Body: '1' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'batch/2', Body: '2' }));
    const out = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'batch/1' }, { Key: 'batch/2' }, { Key: 'batch/never' }] } }));
    expect(out.Deleted?.map((d) => d.Key).sort()).toEqual(['batch/1', 'batch/2', 'batch/never']);
    expect(out.Errors ?? []).toEqual([]);
    expect((await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'batch/' }))).KeyCount).toBe(0);
    await s3.send(new PutObjectCommand({ Bucket, Key: 'batch/3', Body: '3' }));
    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'batch/3' }] } }));
    expect(quiet.Deleted ?? []).toEqual([]);
    expect(await errorCode(s3.send(new DeleteObjectsCommand({ Bucket: 'no-such-bucket', Delete: { Objects: [{ Key: 'k' }] } })))).toBe('NoSuchBucket');
  });
});
