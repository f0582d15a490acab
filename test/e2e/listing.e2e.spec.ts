import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';

/** S3 lists in UTF-8 byte order. */
const byteOrder = (a = '', b = '') => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('listing (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  const Bucket = 'listing';
  const keys = ['a-c', 'a/b', 'a/c/d', 'a/c/e', 'b', 'b0', 'B', 'dir/', 'dir/inner', 'z z', 'é', '😀', 'photos/2024/x.jpg', 'photos/2025/y.jpg'];

  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key.endsWith('/') ? Buffer.alloc(0) : Key }));
  });
  afterAll(() => gw.stop());

  async function allKeysV2(maxKeys: number, extra: { Prefix?: string; StartAfter?: string } = {}): Promise<string[]> {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: maxKeys, ContinuationToken: token, ...extra }));
      seen.push(...(page.Contents ?? []).map((c) => c.Key ?? ''));
      expect(page.KeyCount).toBe((page.Contents ?? []).length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return seen;
  }

  it('lists every key once, in byte order, whatever the page size', async () => {
    const expected = [...keys].sort(byteOrder);
    for (const pageSize of [1, 2, 5, 1000]) expect(await allKeysV2(pageSize)).toEqual(expected);
  });

  it('returns sizes, ETags and dates', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'b0' }));
    expect(page.Contents).toHaveLength(1);
    expect(page.Contents?.[0].Size).toBe(2);
    expect(page.Contents?.[0].ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(page.Contents?.[0].LastModified).toBeInstanceOf(Date);
    expect(page.Contents?.[0].Owner).toBeUndefined();
    const withOwner = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'b0', FetchOwner: true }));
    expect(withOwner.Contents?.[0].Owner?.ID).toBe(gw.rootCredentials.access);
  });

  it('groups by delimiter into CommonPrefixes', async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(top.Contents?.map((c) => c.Key)).toEqual(['B', 'a-c', 'b', 'b0', 'z z', 'é', '😀']);
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'dir/', 'photos/']);
    const photos = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/', Prefix: 'photos/' }));
    expect(photos.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['photos/2024/', 'photos/2025/']);
    expect(photos.Contents ?? []).toEqual([]);
    const dir = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/', Prefix: 'dir/' }));
    expect(dir.Contents?.map((c) => c.Key)).toEqual(['dir/', 'dir/inner']);
  });

  it('resumes after start-after and counts prefixes toward max-keys', async () => {
    expect(await allKeysV2(1000, { StartAfter: 'b' })).toEqual([...keys].sort(byteOrder).filter((k) => byteOrder(k, 'b') > 0));
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/', MaxKeys: 2 }));
    expect([...(page.Contents ?? []).map((c) => c.Key), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix)]).toEqual(['B', 'a-c']);
    expect(page.IsTruncated).toBe(true);
  });

  it('pages ListObjects (v1) with markers and NextMarker under a delimiter', async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', MaxKeys: 3 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.NextMarker).toBe('a/');
    const second = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', Marker: first.NextMarker, MaxKeys: 3 }));
    expect([...(second.Contents ?? []).map((c) => c.Key), ...(second.CommonPrefixes ?? []).map((p) => p.Prefix)].sort(byteOrder)).toEqual([
      'b',
      'b0',
      'dir/',
    ]);
    const plain = await s3.send(new ListObjectsCommand({ Bucket, MaxKeys: 2 }));
    expect(plain.Contents?.map((c) => c.Key)).toEqual(['B', 'a-c']);
    expect(plain.Contents?.[0].Owner?.ID).toBe(gw.rootCredentials.access);
  });

  it('url-encodes names with encoding-type=url', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'z', EncodingType: 'url' }));
    expect(page.Contents?.map((c) => c.Key)).toEqual(['z%20z']);
  });

  it('refuses a bad max-keys and a bad encoding-type with InvalidArgument', async () => {
    expect(await errorCode(s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: -1 })))).toBe('InvalidArgument');
    expect(await errorCode(s3.send(new ListObjectsV2Command({ Bucket, EncodingType: 'base64' as 'url' })))).toBe('InvalidArgument');
    expect(await errorCode(s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: 'garbage' })))).toBe('InvalidArgument');
  });

  it('lists each object once as the null version', async () => {
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'photos/' }));
    expect(versions.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([
      ['photos/2024/x.jpg', 'null', true],
      ['photos/2025/y.jpg', 'null', true],
    ]);
    const paged = await s3.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 1 }));
    expect(paged.IsTruncated).toBe(true);
    expect(paged.NextKeyMarker).toBe('B');
    expect(paged.NextVersionIdMarker).toBe('null');
  });

  it('returns keys with XML and URL special characters intact, plain and with encoding-type=url', async () => {
    const Specials = 'listing-specials';
    const special = ['a&b', '<tag>', '"quoted"', "it's", 'sp ace/x&y', 'ü/ä', 'plus+sign', 'percent%20', 'q?#=', 'tab\tkey'];
    await s3.send(new CreateBucketCommand({ Bucket: Specials }));
    for (const Key of special) await s3.send(new PutObjectCommand({ Bucket: Specials, Key, Body: Key }));
    const sorted = [...special].sort(byteOrder);

    const v2 = await s3.send(new ListObjectsV2Command({ Bucket: Specials }));
    expect(v2.Contents?.map((c) => c.Key)).toEqual(sorted);
    expect(v2.Contents?.every((c) => /^"[0-9a-f]{32}"$/.test(c.ETag ?? ''))).toBe(true);
    const encoded = await s3.send(new ListObjectsV2Command({ Bucket: Specials, EncodingType: 'url', Delimiter: '/', Prefix: '' }));
    expect(encoded.Contents?.map((c) => decodeURIComponent(c.Key ?? ''))).toEqual(sorted.filter((k) => !k.includes('/')));
    expect(encoded.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['sp%20ace%2F', '%C3%BC%2F']);
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: Specials, Prefix: 'sp ace/' }));
    expect(v1.Contents?.map((c) => c.Key)).toEqual(['sp ace/x&y']);
    expect(v1.Prefix).toBe('sp ace/');
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: Specials, KeyMarker: '<tag>' }));
    expect(versions.Versions?.map((v) => v.Key)).toEqual(sorted.filter((k) => byteOrder(k, '<tag>') > 0));
  });

  it('answers NoSuchBucket for a missing bucket', async () => {
    expect(await errorCode(s3.send(new ListObjectsV2Command({ Bucket: 'nope' })))).toBe('NoSuchBucket');
  });
});
