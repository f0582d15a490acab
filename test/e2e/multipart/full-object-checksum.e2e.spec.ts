import { crc32 } from 'node:zlib';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from '../support/gateway';
import { errorCode } from '../support/s3-error-code';

const crc32Base64 = (data: Buffer): string => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data) >>> 0);
  return out.toString('base64');
};

/** x-amz-checksum-<alg> on CompleteMultipartUpload names the whole object, not the XML body. */
describe('CompleteMultipartUpload with a full-object checksum header', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  const Bucket = 'fullcrc';
  const data = Buffer.from('the whole object, in one small last part');

  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  afterAll(() => gw.stop());

  async function uploadOnePart(Key: string) {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' }));
    const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: data, ChecksumAlgorithm: 'CRC32' }));
    return { UploadId, Parts: [{ PartNumber: 1, ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32 }] };
  }

  it('completes when the header matches the assembled object', async () => {
    const { UploadId, Parts } = await uploadOnePart('good');
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'good',
        UploadId,
        MultipartUpload: { Parts },
        ChecksumCRC32: crc32Base64(data),
        ChecksumType: 'FULL_OBJECT',
      }),
    );
    expect(done.ChecksumCRC32).toBe(crc32Base64(data));
  });

  it('refuses with BadDigest when it does not', async () => {
    const { UploadId, Parts } = await uploadOnePart('bad');
    const wrong = crc32Base64(Buffer.from('something else'));
    expect(
      await errorCode(
        s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'bad', UploadId, MultipartUpload: { Parts }, ChecksumCRC32: wrong, ChecksumType: 'FULL_OBJECT' })),
      ),
    ).toBe('BadDigest');
  });
});
