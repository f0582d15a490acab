import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { errorCode } from '../support/s3-error-code';
import { type ProxiedGateway, startProxiedGateway } from './s3proxy-gateway';

/** ListObjects(V2), ListObjectVersions and DeleteObjects: the upstream's own calls, passed through. */
describe('s3proxy backend: listing and batch delete (tracegw s3 → tracegw posix)', () => {
  let gw: ProxiedGateway;
  let s3: S3Client;
  const Bucket = 'listing';
  const keys = ['a-c', 'a/b', 'a/c/d', 'a/c/e', 'b', 'c/x', 'c/y', 'd.txt', 'e/f/g', 'z'];

  beforeAll(async () => {
    gw = await startProxiedGateway();
    s3 = gw.proxy.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
  });
  afterAll(() => gw?.stop());

  it('lists every key in S3 order, with sizes, MD5 ETags and the bucket owner when asked', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, FetchOwner: true }));
    expect(page.Contents?.map((o) => o.Key)).toEqual(keys);
    expect(page.KeyCount).toBe(keys.length);
    expect(page.IsTruncated).toBe(false);
    expect(page.Contents?.[0]).toMatchObject({ Key: 'a-c', Size: 3, ETag: '"982b7e37ccf157dfc3e5c030fb36c534"' });
    expect(page.Contents?.[0]?.Owner?.ID).toBe(gw.proxy.rootCredentials.access);
  });

  it('rolls keys up into common prefixes with a delimiter, below a prefix too', async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(top.Contents?.map((o) => o.Key)).toEqual(['a-c', 'b', 'd.txt', 'z']);
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'c/', 'e/']);
    const below = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'a/', Delimiter: '/' }));
    expect(below.Contents?.map((o) => o.Key)).toEqual(['a/b']);
    expect(below.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/c/']);
  });

  it('pages with the upstream’s continuation tokens, and with markers in V1', async () => {
    const seen: string[] = [];
    let ContinuationToken: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/', MaxKeys: 2, ContinuationToken }));
      seen.push(...(page.Contents ?? []).map((o) => o.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      ContinuationToken = page.NextContinuationToken;
      pages++;
    } while (ContinuationToken !== undefined);
    expect(seen.sort()).toEqual(['a-c', 'a/', 'b', 'c/', 'd.txt', 'e/', 'z'].sort());
    expect(pages).toBe(4);

    const v1 = await s3.send(new ListObjectsCommand({ Bucket, Marker: 'a/c/d', MaxKeys: 3 }));
    expect(v1.Contents?.map((o) => o.Key)).toEqual(['a/c/e', 'b', 'c/x']);
    expect(v1.IsTruncated).toBe(true);
    const v2 = await s3.send(new ListObjectsV2Command({ Bucket, StartAfter: 'd.txt' }));
    expect(v2.Contents?.map((o) => o.Key)).toEqual(['e/f/g', 'z']);
  });

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

  it('answers NoSuchBucket for a listing of a bucket that does not exist', async () => {
    expect(await errorCode(s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })))).toBe('NoSuchBucket');
    expect(await errorCode(s3.send(new ListObjectsCommand({ Bucket: 'no-such-bucket' })))).toBe('NoSuchBucket');
  });
});
