import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { RunningGateway, startGateway } from '../support/gateway';
import { errorCode, errorStatus } from '../support/s3-error-code';
import { signedRequest } from '../support/signed-request';
import { twoUsersWithBuckets } from '../support/two-users';

const MiB = 1024 * 1024;

describe('multipart operations over HTTP (AWS SDK)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'mpu' }));
  });
  afterAll(async () => gw.stop());

  const create = async (Key: string, extra: object = {}) => (await s3.send(new CreateMultipartUploadCommand({ Bucket: 'mpu', Key, ...extra }))).UploadId!;
  const part = (Key: string, UploadId: string, PartNumber: number, Body: Buffer) => s3.send(new UploadPartCommand({ Bucket: 'mpu', Key, UploadId, PartNumber, Body }));

  it('creates, uploads, lists and completes; the response names the object, its ETag and composite checksum', async () => {
    const UploadId = await create('doc.bin', { ContentType: 'text/x-doc', ChecksumAlgorithm: 'SHA256', Tagging: 'team=storage' });
    const bodies = [randomBytes(5 * MiB), randomBytes(100)];
    const etags = [];
    for (const [i, Body] of bodies.entries()) {
      const out = await s3.send(new UploadPartCommand({ Bucket: 'mpu', Key: 'doc.bin', UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'SHA256' }));
      expect(out.ChecksumSHA256).toMatch(/=$/);
      etags.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256 });
    }
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'mpu', Key: 'doc.bin', UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag, p.ChecksumSHA256])).toEqual(etags.map((e, i) => [e.PartNumber, bodies[i].length, e.ETag, e.ChecksumSHA256]));
    expect([parts.ChecksumAlgorithm, parts.Owner?.ID, parts.IsTruncated]).toEqual(['SHA256', gw.rootCredentials.access, false]);

    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'mpu', Key: 'doc.bin', UploadId, MultipartUpload: { Parts: etags } }));
    expect([done.Bucket, done.Key, done.ChecksumType]).toEqual(['mpu', 'doc.bin', 'COMPOSITE']);
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    expect(done.ChecksumSHA256).toMatch(/-2$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'doc.bin' }));
    expect(got.ContentType).toBe('text/x-doc');
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(bodies))).toBe(true);
    // The tags of x-amz-tagging are on the object, VersityGW's way, for GetObjectTagging to serve.
    expect((await loadNativeFs().getXattr(join(gw.root, 'mpu', 'doc.bin'), 'user.X-Amz-Tagging'))?.toString()).toBe('{"team":"storage"}');
  });

  it('answers AWS errors: NoSuchUpload, InvalidArgument for part numbers, MalformedXML, InvalidPartOrder, InvalidPart, EntityTooSmall', async () => {
    const UploadId = await create('errs');
    const small = await part('errs', UploadId, 1, randomBytes(1000));
    const last = await part('errs', UploadId, 2, randomBytes(10));
    const complete = (Parts: Array<{ PartNumber: number; ETag?: string }>) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'mpu', Key: 'errs', UploadId, MultipartUpload: { Parts } }));

    expect(await errorCode(part('errs', '3f2c6bd3-1a7e-4f55-9d1b-8a4c4f9e0b11', 1, Buffer.from('x')))).toBe('NoSuchUpload');
    expect(await errorStatus(part('errs', '3f2c6bd3-1a7e-4f55-9d1b-8a4c4f9e0b11', 1, Buffer.from('x')))).toBe(404);
    expect(await errorCode(part('errs', UploadId, 0, Buffer.from('x')))).toBe('InvalidArgument');
    expect(await errorCode(part('errs', UploadId, 10001, Buffer.from('x')))).toBe('InvalidArgument');
    expect(await errorCode(complete([]))).toBe('MalformedXML');
    expect(await errorCode(complete([{ PartNumber: 2, ETag: last.ETag }, { PartNumber: 1, ETag: small.ETag }]))).toBe('InvalidPartOrder');
    expect(await errorCode(complete([{ PartNumber: 1, ETag: small.ETag }, { PartNumber: 1, ETag: small.ETag }]))).toBe('InvalidPartOrder');
    expect(await errorCode(complete([{ PartNumber: 1, ETag: last.ETag }]))).toBe('InvalidPart');
    expect(await errorCode(complete([{ PartNumber: 3, ETag: last.ETag }]))).toBe('InvalidPart');
    expect(await errorCode(complete([{ PartNumber: 1, ETag: small.ETag }, { PartNumber: 2, ETag: last.ETag }]))).toBe('EntityTooSmall');
    // Nothing of the failed attempts is visible; the upload is intact.
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'errs' })))).toBe('NoSuchKey');
    expect((await s3.send(new ListPartsCommand({ Bucket: 'mpu', Key: 'errs', UploadId }))).Parts).toHaveLength(2);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'mpu', Key: 'errs', UploadId }));
    expect(await errorCode(s3.send(new ListPartsCommand({ Bucket: 'mpu', Key: 'errs', UploadId })))).toBe('NoSuchUpload');
    expect(await errorCode(s3.send(new AbortMultipartUploadCommand({ Bucket: 'mpu', Key: 'errs', UploadId })))).toBe('NoSuchUpload');
  });

  it('checks a part against its x-amz-checksum-* and Content-MD5 (BadDigest, nothing stored)', async () => {
    const UploadId = await create('sums');
    const body = Buffer.from('some part data');
    const path = '/mpu/sums';
    const query = { partNumber: '1', uploadId: UploadId };
    const badCrc = await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path, query, body, headers: { 'x-amz-checksum-crc32': 'AAAAAA==' } });
    expect([badCrc.status, /<Code>BadDigest<\/Code>/.test(badCrc.body)]).toEqual([400, true]);
    const badMd5 = await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path, query, body, headers: { 'content-md5': Buffer.alloc(16).toString('base64') } });
    expect([badMd5.status, /<Code>BadDigest<\/Code>/.test(badMd5.body)]).toEqual([400, true]);
    expect((await s3.send(new ListPartsCommand({ Bucket: 'mpu', Key: 'sums', UploadId }))).Parts ?? []).toEqual([]);
    const good = await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path, query, body, headers: { 'content-md5': createHash('md5').update(body).digest('base64') } });
    expect([good.status, good.headers.etag]).toEqual([200, `"${createHash('md5').update(body).digest('hex')}"`]);
  });

  it('lists uploads with prefix, delimiter and pagination markers', async () => {
    const ids: Record<string, string> = {};
    for (const key of ['list/a/1', 'list/a/2', 'list/b', 'list/b', 'list/c/3']) ids[key] = await create(key);
    const top = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'mpu', Prefix: 'list/', Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['list/a/', 'list/c/']);
    expect(top.Uploads?.map((u) => u.Key)).toEqual(['list/b', 'list/b']);
    expect(top.Uploads?.[0].Initiator?.ID).toBe(gw.rootCredentials.access);

    const seen: string[] = [];
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'mpu', Prefix: 'list/', MaxUploads: 2, KeyMarker, UploadIdMarker }));
      seen.push(...(page.Uploads ?? []).map((u) => u.Key!));
      if (!page.IsTruncated) break;
      KeyMarker = page.NextKeyMarker;
      UploadIdMarker = page.NextUploadIdMarker;
    }
    expect(seen).toEqual(['list/a/1', 'list/a/2', 'list/b', 'list/b', 'list/c/3']);
  });

  it('copies parts from an object, whole or a range, and refuses a bad range', async () => {
    const source = randomBytes(5 * MiB + 10);
    await s3.send(new PutObjectCommand({ Bucket: 'mpu', Key: 'copy/source', Body: source }));
    const UploadId = await create('copy/target');
    const whole = await s3.send(new UploadPartCopyCommand({ Bucket: 'mpu', Key: 'copy/target', UploadId, PartNumber: 1, CopySource: 'mpu/copy/source' }));
    const range = await s3.send(
      new UploadPartCopyCommand({ Bucket: 'mpu', Key: 'copy/target', UploadId, PartNumber: 2, CopySource: '/mpu/copy%2Fsource', CopySourceRange: 'bytes=0-9' }),
    );
    expect(range.CopyPartResult?.LastModified).toBeInstanceOf(Date);
    expect(
      await errorCode(s3.send(new UploadPartCopyCommand({ Bucket: 'mpu', Key: 'copy/target', UploadId, PartNumber: 3, CopySource: 'mpu/copy/source', CopySourceRange: 'bytes=9-0' }))),
    ).toBe('InvalidArgument');
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'mpu',
        Key: 'copy/target',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: whole.CopyPartResult?.ETag }, { PartNumber: 2, ETag: range.CopyPartResult?.ETag }] },
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'mpu', Key: 'copy/target' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat([source, source.subarray(0, 10)]))).toBe(true);
  });

  it("lets a user copy a part only from a bucket it may read (another user's bucket is AccessDenied)", async () => {
    const { alice: a, bob: b } = await twoUsersWithBuckets(gw, 'bucket');
    await a.send(new PutObjectCommand({ Bucket: 'alice-bucket', Key: 'secret', Body: 'mine' }));
    const UploadId = (await b.send(new CreateMultipartUploadCommand({ Bucket: 'bob-bucket', Key: 'stolen' }))).UploadId!;
    expect(await errorCode(b.send(new UploadPartCopyCommand({ Bucket: 'bob-bucket', Key: 'stolen', UploadId, PartNumber: 1, CopySource: 'alice-bucket/secret' })))).toBe('AccessDenied');
    expect(await errorCode(a.send(new ListPartsCommand({ Bucket: 'bob-bucket', Key: 'stolen', UploadId })))).toBe('AccessDenied');
  });
});
