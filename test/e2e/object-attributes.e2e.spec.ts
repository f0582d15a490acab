import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { loadNativeFs } from '../../src/backends/posix/native/native-fs';
import { RunningGateway, startGateway } from './support/gateway';
import { errorCode, errorStatus } from './support/s3-error-code';
import { signedRequest, xmlCode } from './support/signed-request';

const MiB = 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

describe('GetObjectAttributes and partNumber reads (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB + 7), randomBytes(1000)];
  let etag: string;

  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'attrs' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'attrs', Key: 'three.bin', ChecksumAlgorithm: 'SHA256' }));
    const listed = [];
    for (const [i, Body] of parts.entries()) {
      const out = await s3.send(new UploadPartCommand({ Bucket: 'attrs', Key: 'three.bin', UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'SHA256' }));
      listed.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256 });
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'attrs', Key: 'three.bin', UploadId, MultipartUpload: { Parts: listed } }));
    etag = done.ETag!;
    await s3.send(new PutObjectCommand({ Bucket: 'attrs', Key: 'whole.txt', Body: 'just one part', ChecksumAlgorithm: 'CRC32' }));
  });
  afterAll(() => gw.stop());

  it('answers ETag, Checksum, ObjectParts, StorageClass and ObjectSize of a multipart object', async () => {
    const out = await s3.send(
      new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'three.bin', ObjectAttributes: ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'] }),
    );
    expect(out.ETag).toBe(etag.replace(/"/g, ''));
    expect(out.ObjectSize).toBe(parts.reduce((n, p) => n + p.length, 0));
    expect(out.StorageClass).toBe('STANDARD');
    expect(out.Checksum?.ChecksumType).toBe('COMPOSITE');
    expect(out.Checksum?.ChecksumSHA256).toMatch(/-3$/);
    expect(out.LastModified).toBeInstanceOf(Date);
    expect(out.ObjectParts?.TotalPartsCount).toBe(3);
    expect(out.ObjectParts?.IsTruncated).toBe(false);
    expect(out.ObjectParts?.Parts?.map((p) => [p.PartNumber, p.Size, p.ChecksumSHA256])).toEqual(parts.map((p, i) => [i + 1, p.length, sha256(p)]));
  });

  it('pages ObjectParts with max-parts and part-number-marker', async () => {
    const first = await s3.send(new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'three.bin', ObjectAttributes: ['ObjectParts'], MaxParts: 2 }));
    expect(first.ObjectParts?.Parts?.map((p) => p.PartNumber)).toEqual([1, 2]);
    expect([first.ObjectParts?.IsTruncated, first.ObjectParts?.NextPartNumberMarker, first.ObjectParts?.MaxParts]).toEqual([true, '2', 2]);
    expect(first.ETag).toBeUndefined();
    const next = await s3.send(
      new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'three.bin', ObjectAttributes: ['ObjectParts'], MaxParts: 2, PartNumberMarker: first.ObjectParts?.NextPartNumberMarker }),
    );
    expect(next.ObjectParts?.Parts?.map((p) => p.PartNumber)).toEqual([3]);
    expect(next.ObjectParts?.IsTruncated).toBe(false);
  });

  it('answers an object stored whole without ObjectParts', async () => {
    const out = await s3.send(new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'whole.txt', ObjectAttributes: ['ObjectParts', 'ObjectSize', 'Checksum'] }));
    expect(out.ObjectParts).toBeUndefined();
    expect(out.ObjectSize).toBe(13);
    expect(out.Checksum?.ChecksumCRC32).toBeDefined();
  });

  it('refuses a missing or unknown attribute name and a missing key', async () => {
    const missing = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/attrs/three.bin', query: { attributes: '' } });
    expect([missing.status, xmlCode(missing.body)]).toEqual([400, 'InvalidRequest']);
    expect(await errorCode(s3.send(new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'three.bin', ObjectAttributes: ['Bogus' as 'ETag'] })))).toBe('InvalidArgument');
    expect(await errorCode(s3.send(new GetObjectAttributesCommand({ Bucket: 'attrs', Key: 'absent', ObjectAttributes: ['ETag'] })))).toBe('NoSuchKey');
  });

  it('GETs one part with its range and x-amz-mp-parts-count', async () => {
    const got = await s3.send(new GetObjectCommand({ Bucket: 'attrs', Key: 'three.bin', PartNumber: 2 }));
    expect(got.$metadata.httpStatusCode).toBe(206);
    expect(got.PartsCount).toBe(3);
    expect(got.ContentRange).toBe(`bytes ${parts[0].length}-${parts[0].length + parts[1].length - 1}/${parts[0].length + parts[1].length + parts[2].length}`);
    expect(got.ETag).toBe(etag);
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(parts[1])).toBe(true);
  });

  it('HEADs one part likewise', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'attrs', Key: 'three.bin', PartNumber: 3 }));
    expect(head.$metadata.httpStatusCode).toBe(206);
    expect([head.PartsCount, head.ContentLength]).toEqual([3, parts[2].length]);
  });

  it('answers InvalidPartNumber (416) past the last part, also for an object stored whole', async () => {
    const past = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/attrs/three.bin', query: { partNumber: '4' } });
    expect([past.status, xmlCode(past.body)]).toEqual([416, 'InvalidPartNumber']);
    expect(past.body).toContain('<ActualPartCount>3</ActualPartCount>');
    expect(past.body).toContain('<PartNumberRequested>4</PartNumberRequested>');
    expect(await errorStatus(s3.send(new HeadObjectCommand({ Bucket: 'attrs', Key: 'whole.txt', PartNumber: 2 })))).toBe(416);
    const whole = await s3.send(new GetObjectCommand({ Bucket: 'attrs', Key: 'whole.txt', PartNumber: 1 }));
    expect(await whole.Body!.transformToString()).toBe('just one part');
    expect(whole.PartsCount).toBeUndefined();
  });

  it('refuses partNumber out of 1..10000 and partNumber with a Range', async () => {
    for (const partNumber of ['0', '10001', 'x']) {
      const res = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/attrs/three.bin', query: { partNumber } });
      expect([res.status, xmlCode(res.body)]).toEqual([400, 'InvalidArgument']);
    }
    const both = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/attrs/three.bin', query: { partNumber: '1' }, headers: { range: 'bytes=0-1' } });
    expect([both.status, xmlCode(both.body)]).toEqual([400, 'InvalidRequest']);
  });

  it("records the parts on the object as VersityGW does (gzip'd JSON of cumulative sizes in user.mp-metadata)", async () => {
    const { gunzipSync } = await import('node:zlib');
    const raw = await loadNativeFs().getXattr(join(gw.root, 'attrs', 'three.bin'), 'user.mp-metadata');
    const metadata = JSON.parse(gunzipSync(raw!).toString()) as { uploadId: string; parts: number[] };
    expect(metadata.parts).toEqual([parts[0].length, parts[0].length + parts[1].length, parts[0].length + parts[1].length + parts[2].length]);
    expect(typeof metadata.uploadId).toBe('string');
  });
});
