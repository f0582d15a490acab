import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';
import { signedRequest, xmlCode } from './support/signed-request';
import { twoUsersWithBuckets } from './support/two-users';

describe('ListBuckets pagination and CreateBucket conflicts (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  let users: Awaited<ReturnType<typeof twoUsersWithBuckets>>;
  const names = ['page-a', 'page-b', 'page-c', 'page-d', 'page-e', 'other-x'];

  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    for (const Bucket of names) await s3.send(new CreateBucketCommand({ Bucket }));
    users = await twoUsersWithBuckets(gw, 'lb');
  });
  afterAll(() => gw.stop());

  it('pages with max-buckets and continuation-token, the token only while more follow', async () => {
    const seen: string[] = [];
    const tokens: (string | undefined)[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await s3.send(new ListBucketsCommand({ MaxBuckets: 2, Prefix: 'page-', ContinuationToken }));
      expect(page.Buckets!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Buckets!.map((b) => b.Name!));
      expect(page.Prefix).toBe('page-');
      ContinuationToken = page.ContinuationToken;
      tokens.push(ContinuationToken);
    } while (ContinuationToken);
    expect(seen).toEqual(['page-a', 'page-b', 'page-c', 'page-d', 'page-e']);
    expect(tokens).toEqual(['page-b', 'page-d', undefined]);
  });

  it('gives no token when the page holds the last bucket exactly', async () => {
    const page = await s3.send(new ListBucketsCommand({ MaxBuckets: 5, Prefix: 'page-' }));
    expect(page.Buckets!.map((b) => b.Name)).toHaveLength(5);
    expect(page.ContinuationToken).toBeUndefined();
  });

  it("names each bucket's region and filters by bucket-region", async () => {
    const all = await s3.send(new ListBucketsCommand({ Prefix: 'other-' }));
    expect(all.Buckets!.map((b) => [b.Name, b.BucketRegion])).toEqual([['other-x', 'us-east-1']]);
    expect(all.Prefix).toBe('other-');
    expect((await s3.send(new ListBucketsCommand({ BucketRegion: 'us-east-1', Prefix: 'other-' }))).Buckets).toHaveLength(1);
    expect((await s3.send(new ListBucketsCommand({ BucketRegion: 'eu-west-1' }))).Buckets ?? []).toEqual([]);
  });

  it('answers without Prefix or ContinuationToken when none applies', async () => {
    const res = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).not.toContain('<Prefix>');
    expect(res.body).not.toContain('<ContinuationToken>');
  });

  it.each(['0', '10001', '-1', 'ten', ''])('refuses max-buckets=%s with InvalidArgument', async (value) => {
    const res = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/', query: { 'max-buckets': value } });
    expect(res.status).toBe(400);
    expect(xmlCode(res.body)).toBe('InvalidArgument');
    expect(res.body).toContain('<ArgumentName>max-buckets</ArgumentName>');
  });

  it('pages only over the buckets a user owns', async () => {
    const page = await users.alice.send(new ListBucketsCommand({ MaxBuckets: 1 }));
    expect(page.Buckets!.map((b) => b.Name)).toEqual([users.aliceBucket]);
    expect(page.ContinuationToken).toBeUndefined();
  });

  it("answers BucketAlreadyExists for another account's bucket and BucketAlreadyOwnedByYou for one's own", async () => {
    expect(await errorCode(users.bob.send(new CreateBucketCommand({ Bucket: users.aliceBucket })))).toBe('BucketAlreadyExists');
    expect(await errorCode(users.alice.send(new CreateBucketCommand({ Bucket: users.aliceBucket })))).toBe('BucketAlreadyOwnedByYou');
    // The root account owns none of the users' buckets either.
    expect(await errorCode(s3.send(new CreateBucketCommand({ Bucket: users.bobBucket })))).toBe('BucketAlreadyExists');
    const raw = await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: `/${users.bobBucket}` });
    expect(raw.status).toBe(409);
    expect(raw.body).toContain(`<BucketName>${users.bobBucket}</BucketName>`);
  });
});
