import { CreateBucketCommand, DeleteBucketTaggingCommand, GetBucketTaggingCommand, PutBucketTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import { type RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';
import { twoUsersWithBuckets } from './support/two-users';

describe('bucket tagging (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'labelled' }));
  });
  afterAll(() => gw.stop());

  const tagsOf = async (Bucket: string) => (await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet?.map((t) => [t.Key, t.Value]);

  it('answers NoSuchTagSet until tags are put, then the tags; delete removes them', async () => {
    expect(await errorCode(s3.send(new GetBucketTaggingCommand({ Bucket: 'labelled' })))).toBe('NoSuchTagSet');
    const put = await s3.send(new PutBucketTaggingCommand({ Bucket: 'labelled', Tagging: { TagSet: [{ Key: 'cost-centre', Value: '42' }, { Key: 'env', Value: 'prod' }] } }));
    expect(put.$metadata.httpStatusCode).toBe(204);
    expect(await tagsOf('labelled')).toEqual([['cost-centre', '42'], ['env', 'prod']]);
    const deleted = await s3.send(new DeleteBucketTaggingCommand({ Bucket: 'labelled' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(await errorCode(s3.send(new GetBucketTaggingCommand({ Bucket: 'labelled' })))).toBe('NoSuchTagSet');
  });

  it('takes up to 50 tags (BadRequest past that) under the tag rules, and NoSuchBucket without the bucket', async () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'labelled', Tagging: { TagSet: tags(50) } }));
    expect(await tagsOf('labelled')).toHaveLength(50);
    expect(await errorCode(s3.send(new PutBucketTaggingCommand({ Bucket: 'labelled', Tagging: { TagSet: tags(51) } })))).toBe('BadRequest');
    expect(await errorCode(s3.send(new PutBucketTaggingCommand({ Bucket: 'labelled', Tagging: { TagSet: [{ Key: 'aws:x', Value: 'v' }] } })))).toBe('InvalidTag');
    expect(await tagsOf('labelled')).toHaveLength(50);
    expect(await errorCode(s3.send(new GetBucketTaggingCommand({ Bucket: 'no-such-bucket' })))).toBe('NoSuchBucket');
  });

  it("keeps another user's bucket tags to that user (AccessDenied)", async () => {
    const { alice, bob, aliceBucket } = await twoUsersWithBuckets(gw, 'tagged');
    await alice.send(new PutBucketTaggingCommand({ Bucket: aliceBucket, Tagging: { TagSet: [{ Key: 'owner', Value: 'alice' }] } }));
    expect(await errorCode(bob.send(new GetBucketTaggingCommand({ Bucket: aliceBucket })))).toBe('AccessDenied');
    expect(await errorCode(bob.send(new PutBucketTaggingCommand({ Bucket: aliceBucket, Tagging: { TagSet: [] } })))).toBe('AccessDenied');
  });
});
