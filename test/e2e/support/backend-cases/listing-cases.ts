import { ListObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/** The keys the listing cases expect in the bucket (each object's body is its key), in S3's order. */
export const LISTING_KEYS = ['a-c', 'a/b', 'a/c/d', 'a/c/e', 'b', 'c/x', 'c/y', 'd.txt', 'e/f/g', 'z'];

/**
 * The listing cases every backend answers as posix does (order, delimiters, continuation, markers,
 * NoSuchBucket, max-keys 0), declared inside the backend's own describe: `s3` is its client once
 * started, `Bucket` holds exactly LISTING_KEYS.
 */
export function listingCases(s3: () => S3Client, Bucket: string): void {
  const keys = LISTING_KEYS;
  it('lists every key in S3 order without a delimiter, with sizes and MD5 ETags', async () => {
    const page = await s3().send(new ListObjectsV2Command({ Bucket }));
    expect(page.Contents?.map((o) => o.Key)).toEqual(keys);
    expect(page.KeyCount).toBe(keys.length);
    expect(page.IsTruncated).toBe(false);
    expect(page.Contents?.[0]).toMatchObject({ Key: 'a-c', Size: 3, ETag: '"982b7e37ccf157dfc3e5c030fb36c534"' });
  });

  it('rolls keys up into common prefixes with a delimiter, below a prefix too', async () => {
    const top = await s3().send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(top.Contents?.map((o) => o.Key)).toEqual(['a-c', 'b', 'd.txt', 'z']);
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'c/', 'e/']);
    const below = await s3().send(new ListObjectsV2Command({ Bucket, Prefix: 'a/', Delimiter: '/' }));
    expect(below.Contents?.map((o) => o.Key)).toEqual(['a/b']);
    expect(below.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/c/']);
  });

  it('pages with continuation tokens, common prefixes counting as keys, and ends where it should', async () => {
    const seen: string[] = [];
    let ContinuationToken: string | undefined;
    let pages = 0;
    do {
      const page = await s3().send(new ListObjectsV2Command({ Bucket, Delimiter: '/', MaxKeys: 2, ContinuationToken }));
      expect((page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0)).toBeLessThanOrEqual(2);
      seen.push(...(page.Contents ?? []).map((o) => o.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      ContinuationToken = page.NextContinuationToken;
      pages++;
    } while (ContinuationToken !== undefined);
    expect(seen.sort()).toEqual(['a-c', 'a/', 'b', 'c/', 'd.txt', 'e/', 'z'].sort());
    expect(pages).toBe(4);
  });

  it('resumes after a marker or start-after nobody handed out', async () => {
    const v1 = await s3().send(new ListObjectsCommand({ Bucket, Marker: 'a/c/d', MaxKeys: 3 }));
    expect(v1.Contents?.map((o) => o.Key)).toEqual(['a/c/e', 'b', 'c/x']);
    expect(v1.IsTruncated).toBe(true);
    expect(v1.NextMarker ?? v1.Contents?.at(-1)?.Key).toBe('c/x');
    const v2 = await s3().send(new ListObjectsV2Command({ Bucket, StartAfter: 'd.txt' }));
    expect(v2.Contents?.map((o) => o.Key)).toEqual(['e/f/g', 'z']);
  });

  it('answers NoSuchBucket for a bucket that is not there, and nothing for max-keys 0', async () => {
    await expect(s3().send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' }))).rejects.toMatchObject({ name: 'NoSuchBucket' });
    const none = await s3().send(new ListObjectsV2Command({ Bucket, MaxKeys: 0 }));
    expect(none.Contents).toBeUndefined();
    expect(none.IsTruncated).toBe(false);
  });
}
