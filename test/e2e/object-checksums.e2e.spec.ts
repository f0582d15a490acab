import { crc32 } from 'node:zlib';
import { createHash } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type RunningGateway, startGateway } from './support/gateway';

const crc32Base64 = (data: Buffer | string): string => {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(crc32(data) >>> 0);
  return digest.toString('base64');
};

describe('stored checksums on GET and HEAD (x-amz-checksum-mode)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'sums' }));
  });
  afterAll(() => gw.stop());

  it("keeps a PutObject's checksum and answers it when asked, for the whole object only", async () => {
    const body = 'checked on the way in';
    await s3.send(new PutObjectCommand({ Bucket: 'sums', Key: 'put.txt', Body: body, ChecksumAlgorithm: 'CRC32' }));

    const asked = await s3.send(new HeadObjectCommand({ Bucket: 'sums', Key: 'put.txt', ChecksumMode: 'ENABLED' }));
    expect([asked.ChecksumCRC32, asked.ChecksumType]).toEqual([crc32Base64(body), 'FULL_OBJECT']);
    const notAsked = await s3.send(new HeadObjectCommand({ Bucket: 'sums', Key: 'put.txt' }));
    expect(notAsked.ChecksumCRC32).toBeUndefined();

    // The SDK checks the body against the checksum it is given: it must be the data's.
    const got = await s3.send(new GetObjectCommand({ Bucket: 'sums', Key: 'put.txt', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC32).toBe(crc32Base64(body));
    expect(await got.Body?.transformToString()).toBe(body);
    const ranged = await s3.send(new GetObjectCommand({ Bucket: 'sums', Key: 'put.txt', ChecksumMode: 'ENABLED', Range: 'bytes=0-6' }));
    expect(ranged.ChecksumCRC32).toBeUndefined();
    expect(await ranged.Body?.transformToString()).toBe('checked');
  });

  it('answers none for an object stored without one', async () => {
    const plain = new S3Client({
      endpoint: `http://127.0.0.1:${gw.port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: gw.rootCredentials.access, secretAccessKey: gw.rootCredentials.secret },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    await plain.send(new PutObjectCommand({ Bucket: 'sums', Key: 'plain.txt', Body: 'no checksum sent' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'sums', Key: 'plain.txt', ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC32, head.ChecksumCRC32C, head.ChecksumCRC64NVME, head.ChecksumType]).toEqual([undefined, undefined, undefined, undefined]);
    plain.destroy();
  });

  it('answers the COMPOSITE checksum of a multipart upload, -N', async () => {
    const parts = [Buffer.alloc(5 * 1024 * 1024, 'a'), Buffer.from('tail')];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'sums', Key: 'mp', ChecksumAlgorithm: 'CRC32' }));
    const listed = [];
    for (const [i, Body] of parts.entries()) {
      const out = await s3.send(new UploadPartCommand({ Bucket: 'sums', Key: 'mp', UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'CRC32' }));
      listed.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32 });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'sums', Key: 'mp', UploadId, MultipartUpload: { Parts: listed } }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'sums', Key: 'mp', ChecksumMode: 'ENABLED' }));
    const expected = crc32Base64(Buffer.concat(parts.map((p) => Buffer.from(crc32Base64(p), 'base64'))));
    expect([head.ChecksumCRC32, head.ChecksumType]).toEqual([`${expected}-2`, 'COMPOSITE']);
  });

  it("gives a copy the checksum of its data: the source's algorithm, or the one asked for", async () => {
    const body = 'copied with its checksum';
    await s3.send(new PutObjectCommand({ Bucket: 'sums', Key: 'orig', Body: body, ChecksumAlgorithm: 'CRC32' }));
    const same = await s3.send(new CopyObjectCommand({ Bucket: 'sums', Key: 'copy-same', CopySource: 'sums/orig' }));
    expect([same.CopyObjectResult?.ChecksumCRC32, same.CopyObjectResult?.ChecksumType]).toEqual([crc32Base64(body), 'FULL_OBJECT']);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'sums', Key: 'copy-same', ChecksumMode: 'ENABLED' }))).ChecksumCRC32).toBe(crc32Base64(body));

    await s3.send(new CopyObjectCommand({ Bucket: 'sums', Key: 'copy-sha', CopySource: 'sums/orig', ChecksumAlgorithm: 'SHA256' }));
    const sha = await s3.send(new HeadObjectCommand({ Bucket: 'sums', Key: 'copy-sha', ChecksumMode: 'ENABLED' }));
    expect([sha.ChecksumSHA256, sha.ChecksumCRC32]).toEqual([createHash('sha256').update(body).digest('base64'), undefined]);

    // A multipart object's COMPOSITE checksum becomes the whole data's in the one-part copy.
    await s3.send(new CopyObjectCommand({ Bucket: 'sums', Key: 'mp-copy', CopySource: 'sums/mp' }));
    const mp = await s3.send(new HeadObjectCommand({ Bucket: 'sums', Key: 'mp-copy', ChecksumMode: 'ENABLED' }));
    expect([mp.ChecksumCRC32, mp.ChecksumType]).toEqual([crc32Base64(Buffer.concat([Buffer.alloc(5 * 1024 * 1024, 'a'), Buffer.from('tail')])), 'FULL_OBJECT']);
  });
});
