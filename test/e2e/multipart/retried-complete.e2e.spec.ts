import { randomBytes } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  type CompleteMultipartUploadCommandOutput,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from '../support/gateway';
import { errorCode } from '../support/s3-error-code';

const MiB = 1024 * 1024;

describe('CompleteMultipartUpload retried after it succeeded (AWS SDK)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'retry' }));
  });
  afterAll(async () => gw.stop());

  /** An upload of two parts with SHA-256 checksums, ready to complete. */
  async function uploadOfTwoParts(Key: string) {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'retry', Key, ChecksumAlgorithm: 'SHA256' }));
    const Parts = [];
    for (const [i, Body] of [randomBytes(5 * MiB), randomBytes(10)].entries()) {
      const out = await s3.send(new UploadPartCommand({ Bucket: 'retry', Key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'SHA256' }));
      Parts.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumSHA256: out.ChecksumSHA256 });
    }
    return new CompleteMultipartUploadCommand({ Bucket: 'retry', Key, UploadId, MultipartUpload: { Parts } });
  }
  const shape = (out: CompleteMultipartUploadCommandOutput) => [out.Bucket, out.Key, out.ETag, out.ChecksumSHA256, out.ChecksumType];

  it('answers the same result as the first Complete', async () => {
    const complete = await uploadOfTwoParts('twice.bin');
    const first = await s3.send(complete);
    const again = await s3.send(complete);
    expect(again.$metadata.httpStatusCode).toBe(200);
    expect(shape(again)).toEqual(shape(first));
    expect(first.ETag).toMatch(/-2"$/);
  });

  it('answers NoSuchUpload once the key holds another object', async () => {
    const complete = await uploadOfTwoParts('replaced.bin');
    await s3.send(complete);
    await s3.send(new PutObjectCommand({ Bucket: 'retry', Key: 'replaced.bin', Body: 'newer' }));
    expect(await errorCode(s3.send(complete))).toBe('NoSuchUpload');
  });

  it('answers NoSuchUpload for an upload id that was never completed, or under another key', async () => {
    const complete = await uploadOfTwoParts('elsewhere.bin');
    await s3.send(complete);
    const { UploadId, MultipartUpload } = complete.input;
    expect(await errorCode(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'retry', Key: 'other.bin', UploadId, MultipartUpload })))).toBe('NoSuchUpload');
    expect(await errorCode(s3.send(new CompleteMultipartUploadCommand({ Bucket: 'retry', Key: 'elsewhere.bin', UploadId: 'never-made', MultipartUpload })))).toBe('NoSuchUpload');
  });
});
