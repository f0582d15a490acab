import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { RunningGateway } from '../support/gateway';
import { rejection, startVersionedGateway } from './versioned-gateway';

/** Reads by versionId that the object's other operations already had, and listings that hide what is all deleted. */
describe('versioned GetObjectAttributes, UploadPartCopy and delimited listings (real gateway with --versioning-dir)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  const put = async (key: string, body: string): Promise<string> => (await s3.send(new PutObjectCommand({ Bucket: 'reads', Key: key, Body: body }))).VersionId ?? '';
  beforeAll(async () => {
    gw = await startVersionedGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'reads' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'reads', VersioningConfiguration: { Status: 'Enabled' } }));
  });
  afterAll(() => gw.stop());

  it('GetObjectAttributes describes the version named', async () => {
    const older = await put('attrs.txt', 'the older one');
    const newer = await put('attrs.txt', 'new');
    const ask = (VersionId?: string) => s3.send(new GetObjectAttributesCommand({ Bucket: 'reads', Key: 'attrs.txt', VersionId, ObjectAttributes: ['ObjectSize', 'ETag'] }));
    const old = await ask(older);
    expect([old.ObjectSize, old.VersionId]).toEqual([13, older]);
    const latest = await ask();
    expect([latest.ObjectSize, latest.VersionId]).toEqual([3, newer]);
    expect(old.ETag).not.toBe(latest.ETag);
    expect((await rejection(ask('01M8XZV6YR3CFG8A8NRHYVET99'))).code).toBe('NoSuchVersion');
  });

  it('UploadPartCopy copies the version x-amz-copy-source names, and says which', async () => {
    const older = await put('source.txt', 'older data');
    await put('source.txt', 'newer data!!');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'reads', Key: 'assembled.txt' }));
    const part = await s3.send(new UploadPartCopyCommand({ Bucket: 'reads', Key: 'assembled.txt', UploadId, PartNumber: 1, CopySource: `reads/source.txt?versionId=${older}` }));
    expect(part.CopySourceVersionId).toBe(older);
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: 'reads', Key: 'assembled.txt', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult?.ETag }] } }),
    );
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'reads', Key: 'assembled.txt' }))).Body?.transformToString()).toBe('older data');
  });

  it('shows no CommonPrefix whose keys all end in delete markers, as AWS', async () => {
    await put('gone/a.txt', 'a');
    await put('gone/deeper/b.txt', 'b');
    await put('kept/c.txt', 'c');
    await put('mixed/d.txt', 'd');
    await put('mixed/e.txt', 'e');
    for (const Key of ['gone/a.txt', 'gone/deeper/b.txt', 'mixed/d.txt']) await s3.send(new DeleteObjectCommand({ Bucket: 'reads', Key }));
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: 'reads', Delimiter: '/' }));
    expect(v1.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['kept/', 'mixed/']);
    // Page by page, one entry each: a hidden prefix takes no page of its own.
    const pages: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'reads', Delimiter: '/', MaxKeys: 1, ContinuationToken: token }));
      pages.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''), ...(page.Contents ?? []).map((o) => o.Key ?? ''));
      token = page.NextContinuationToken;
    } while (token !== undefined);
    expect(pages).toEqual(['assembled.txt', 'attrs.txt', 'kept/', 'mixed/', 'source.txt']);
    expect((await s3.send(new ListObjectsV2Command({ Bucket: 'reads', Prefix: 'gone/', Delimiter: '/' }))).CommonPrefixes).toBeUndefined();
  });
});
