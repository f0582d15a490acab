import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { errorCode } from '../s3-error-code';

const md5 = (data: Buffer | string): string => createHash('md5').update(data).digest('hex');

const MiB = 1024 * 1024;

/** The two parts twoPartUpload sends, in order: 5 MiB, then a short last part. */
export const TWO_PART_SIZES = [5 * MiB, 'the last part'.length];

/**
 * An upload of `Key` with metadata and tags, part 1 sent twice (the second counts), part 2, then
 * `between()` (a restart, say), then ListParts, ListMultipartUploads, CompleteMultipartUpload with
 * its S3 ETag, and the object read back whole with its headers and tags.
 */
export async function twoPartUpload(s3: () => S3Client, Bucket: string, Key: string, between: () => Promise<void>): Promise<void> {
    const { UploadId } = await s3().send(new CreateMultipartUploadCommand({ Bucket, Key, ContentType: 'application/x-test', Metadata: { run: '7' }, Tagging: 'stage=mp' }));
    const first = Buffer.alloc(5 * MiB, 1);
    const second = Buffer.from('the last part');
    await s3().send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: Buffer.alloc(5 * MiB, 9) }));
    const p1 = await s3().send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: first }));
    expect(p1.ETag).toBe(`"${md5(first)}"`);
    const p2 = await s3().send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: second }));

    await between();

    const parts = await s3().send(new ListPartsCommand({ Bucket, Key, UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([
      [1, `"${md5(first)}"`, 5 * MiB],
      [2, `"${md5(second)}"`, second.length],
    ]);
    const uploads = await s3().send(new ListMultipartUploadsCommand({ Bucket }));
    expect(uploads.Uploads?.map((u) => [u.Key, u.UploadId])).toEqual([[Key, UploadId]]);
    expect((await s3().send(new ListObjectsV2Command({ Bucket }))).KeyCount).toBe(0);

    const done = await s3().send(
      new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag }, { PartNumber: 2, ETag: p2.ETag }] } }),
    );
    const expected = `${md5(Buffer.concat([Buffer.from(md5(first), 'hex'), Buffer.from(md5(second), 'hex')]))}-2`;
    expect(done.ETag).toBe(`"${expected}"`);
    const head = await s3().send(new HeadObjectCommand({ Bucket, Key }));
    expect(head).toMatchObject({ ETag: `"${expected}"`, ContentLength: 5 * MiB + second.length, ContentType: 'application/x-test', Metadata: { run: '7' } });
    const got = await s3().send(new GetObjectCommand({ Bucket, Key }));
    expect(md5(Buffer.from(await got.Body!.transformToByteArray()))).toBe(md5(Buffer.concat([first, second])));
    expect((await s3().send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet).toEqual([{ Key: 'stage', Value: 'mp' }]);
    expect((await s3().send(new ListMultipartUploadsCommand({ Bucket }))).Uploads ?? []).toEqual([]);
}

/**
 * The multipart cases every backend answers as posix does (InvalidPart, EntityTooSmall,
 * NoSuchUpload, abort, UploadPartCopy), declared inside the backend's own describe: `s3` is its
 * client once started, `Bucket` a bucket it made.
 */
export function multipartCases(s3: () => S3Client, Bucket: string): void {
  it('refuses a wrong ETag, a small middle part and an unknown upload, and aborts', async () => {
    const Key = 'refused.bin';
    const { UploadId } = await s3().send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const a = await s3().send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'small' }));
    const b = await s3().send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: 'tail' }));
    expect(await errorCode(s3().send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"0000"' }] } })))).toBe('InvalidPart');
    expect(
      await errorCode(s3().send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: a.ETag }, { PartNumber: 2, ETag: b.ETag }] } }))),
    ).toBe('EntityTooSmall');
    expect(await errorCode(s3().send(new UploadPartCommand({ Bucket, Key, UploadId: '00000000-0000-0000-0000-000000000000', PartNumber: 1, Body: 'x' })))).toBe('NoSuchUpload');
    await s3().send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    expect(await errorCode(s3().send(new ListPartsCommand({ Bucket, Key, UploadId })))).toBe('NoSuchUpload');
    expect(await errorCode(s3().send(new HeadObjectCommand({ Bucket, Key })))).toBe('NotFound');
  });

  it('copies a range of an object into a part with UploadPartCopy', async () => {
    await s3().send(new PutObjectCommand({ Bucket, Key: 'source.txt', Body: '0123456789' }));
    const Key = 'copied.bin';
    const { UploadId } = await s3().send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const part = await s3().send(new UploadPartCopyCommand({ Bucket, Key, UploadId, PartNumber: 1, CopySource: `${Bucket}/source.txt`, CopySourceRange: 'bytes=2-6' }));
    expect(part.CopyPartResult?.ETag).toBe(`"${md5('23456')}"`);
    await s3().send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult?.ETag }] } }));
    expect(await (await s3().send(new GetObjectCommand({ Bucket, Key }))).Body?.transformToString()).toBe('23456');
  });
}
