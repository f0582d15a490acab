import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { RunningGateway, startGateway } from '../support/gateway';

const MiB = 1024 * 1024;

/** The S3 multipart ETag of `data` cut into `partSize` pieces. */
function multipartEtag(data: Buffer, partSize: number): string {
  const md5s: Buffer[] = [];
  for (let off = 0; off < data.length; off += partSize) md5s.push(createHash('md5').update(data.subarray(off, off + partSize)).digest());
  return `${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${md5s.length}`;
}

describe('@aws-sdk/lib-storage Upload against a real gateway', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'lib' }));
  });
  afterAll(async () => gw.stop());

  it('uploads 4 parts in parallel (default CRC32 checksums), the object is whole with the multipart ETag', async () => {
    const data = randomBytes(18 * MiB + 12345);
    // `tags`: lib-storage sets them with PutObjectTagging once the upload is complete.
    const upload = new Upload({
      client: s3,
      params: { Bucket: 'lib', Key: 'big/file.bin', Body: data, ContentType: 'application/x-test', Metadata: { origin: 'lib-storage' } },
      tags: [{ Key: 'via', Value: 'lib-storage' }],
      partSize: 5 * MiB,
      queueSize: 4,
    });
    const result = await upload.done();
    expect(result.ETag).toBe(`"${multipartEtag(data, 5 * MiB)}"`);
    // The SDK asked for CRC32 at CreateMultipartUpload: a composite checksum over the 4 parts.
    expect(result.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]+=*-4$/);

    expect((await readFile(join(gw.root, 'lib', 'big', 'file.bin'))).equals(data)).toBe(true);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'lib', Key: 'big/file.bin' }));
    expect(head.ContentType).toBe('application/x-test');
    expect(head.Metadata).toEqual({ origin: 'lib-storage' });
    expect(head.ContentLength).toBe(data.length);
    expect(head.TagCount).toBe(1);
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'lib', Key: 'big/file.bin' }))).TagSet).toEqual([{ Key: 'via', Value: 'lib-storage' }]);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'lib', Key: 'big/file.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);

    // Parts are gone once completed; nothing in flight.
    expect(await readdir(join(gw.root, 'lib', '.sgwtmp', 'multipart'))).toEqual([]);
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'lib' }))).Uploads ?? []).toEqual([]);
  });
});
