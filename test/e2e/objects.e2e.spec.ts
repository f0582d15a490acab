import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from './support/gateway';
import { errorCode, errorStatus } from './support/s3-error-code';

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

describe('objects (real gateway, @aws-sdk/client-s3 with default checksums)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  const Bucket = 'objects';

  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  afterAll(() => gw.stop());

  it('stores an object as a plain file and returns it with its MD5 ETag', async () => {
    const body = 'hello, tracegw\n';
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'docs/hello.txt', Body: body, ContentType: 'text/plain' }));
    expect(put.ETag).toBe(`"${md5(body)}"`);
    expect(await readFile(join(gw.root, Bucket, 'docs', 'hello.txt'), 'utf8')).toBe(body);

    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'docs/hello.txt' }));
    expect(await got.Body?.transformToString()).toBe(body);
    expect(got.ETag).toBe(`"${md5(body)}"`);
    expect(got.ContentType).toBe('text/plain');
    expect(got.ContentLength).toBe(body.length);
  });

  it('keeps x-amz-meta-* and the standard content headers', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'meta.bin',
        Body: Buffer.from([1, 2, 3]),
        Metadata: { project: 'apollo', 'run-id': '42' },
        ContentDisposition: 'attachment; filename="m.bin"',
        ContentLanguage: 'en',
        CacheControl: 'max-age=60',
        ContentEncoding: 'identity',
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'meta.bin' }));
    expect(head.Metadata).toEqual({ project: 'apollo', 'run-id': '42' });
    expect(head.ContentDisposition).toBe('attachment; filename="m.bin"');
    expect(head.ContentLanguage).toBe('en');
    expect(head.CacheControl).toBe('max-age=60');
    expect(head.ContentEncoding).toBe('identity');
    expect(head.ContentType).toBe('application/octet-stream');
    expect(head.ContentLength).toBe(3);
  });

  it('overwrites an object in place', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'over.txt', Body: 'first version' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'over.txt', Body: 'second' }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'over.txt' }));
    expect(await got.Body?.transformToString()).toBe('second');
  });

  it('serves one byte range with 206 and refuses an unsatisfiable one with 416 InvalidRange', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'range.txt', Body: '0123456789' }));
    const part = await s3.send(new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=2-5' }));
    expect(part.$metadata.httpStatusCode).toBe(206);
    expect(part.ContentRange).toBe('bytes 2-5/10');
    expect(await part.Body?.transformToString()).toBe('2345');
    const suffix = await s3.send(new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=-3' }));
    expect(await suffix.Body?.transformToString()).toBe('789');
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=10-20' })))).toBe('InvalidRange');
  });

  it('serves an object larger than one read, whole and in ranges, with the headers of a small one', async () => {
    // Past WHOLE_READ_BYTES, so the body goes from the file to the socket (sendfile) rather than from memory.
    const data = Buffer.alloc(5 * 1024 * 1024 + 3, 0);
    for (let i = 0; i + 4 <= data.length; i += 4093) data.writeUInt32BE(i, i);
    await s3.send(new PutObjectCommand({ Bucket, Key: 'large.bin', Body: data, ContentType: 'application/x-test' }));
    const whole = await s3.send(new GetObjectCommand({ Bucket, Key: 'large.bin' }));
    expect(whole.ContentLength).toBe(data.length);
    expect(whole.ContentType).toBe('application/x-test');
    expect(whole.ETag).toBe(`"${md5(data)}"`);
    expect(Buffer.from(await whole.Body!.transformToByteArray()).equals(data)).toBe(true);
    const middle = await s3.send(new GetObjectCommand({ Bucket, Key: 'large.bin', Range: 'bytes=1048573-4194307' }));
    expect(middle.ContentRange).toBe(`bytes 1048573-4194307/${data.length}`);
    expect(Buffer.from(await middle.Body!.transformToByteArray()).equals(data.subarray(1048573, 4194308))).toBe(true);
    const tail = await s3.send(new GetObjectCommand({ Bucket, Key: 'large.bin', Range: 'bytes=-300000' }));
    expect(Buffer.from(await tail.Body!.transformToByteArray()).equals(data.subarray(data.length - 300000))).toBe(true);
  });

  it('honours If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'cond.txt', Body: 'conditional' }));
    const etag = put.ETag ?? '';
    const past = new Date(Date.now() - 3600_000);
    const future = new Date(Date.now() + 3600_000);
    await expect(s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfMatch: etag }))).resolves.toBeDefined();
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfMatch: '"nope"' })))).toBe('PreconditionFailed');
    expect(await errorStatus(s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfNoneMatch: etag })))).toBe(304);
    expect(await errorStatus(s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfModifiedSince: future })))).toBe(304);
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfUnmodifiedSince: past })))).toBe('PreconditionFailed');
    await expect(s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfModifiedSince: past }))).resolves.toBeDefined();
  });

  it('applies response-content-* overrides on GET', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'override.txt', Body: 'x', ContentType: 'text/plain' }));
    const got = await s3.send(
      new GetObjectCommand({ Bucket, Key: 'override.txt', ResponseContentType: 'application/json', ResponseContentDisposition: 'inline' }),
    );
    expect(got.ContentType).toBe('application/json');
    expect(got.ContentDisposition).toBe('inline');
  });

  it('answers NoSuchKey and NoSuchBucket', async () => {
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket, Key: 'absent' })))).toBe('NoSuchKey');
    expect(await errorCode(s3.send(new HeadObjectCommand({ Bucket, Key: 'absent' })))).toBe('NotFound');
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })))).toBe('NoSuchBucket');
  });

  it('refuses a wrong Content-MD5 with BadDigest and keeps nothing', async () => {
    const wrong = createHash('md5').update('something else').digest('base64');
    expect(await errorCode(s3.send(new PutObjectCommand({ Bucket, Key: 'digest.txt', Body: 'payload', ContentMD5: wrong })))).toBe('BadDigest');
    await expect(stat(join(gw.root, Bucket, 'digest.txt'))).rejects.toThrow();
    expect(await errorCode(s3.send(new PutObjectCommand({ Bucket, Key: 'digest.txt', Body: 'payload', ContentMD5: 'not-base64!' })))).toBe(
      'InvalidDigest',
    );
  });

  it('deletes with 204, also for a missing key, and removes the empty parents it made', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'deep/er/still/leaf.txt', Body: 'leaf' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'deep/sibling.txt', Body: 'sib' }));
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'deep/er/still/leaf.txt' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(await readdir(join(gw.root, Bucket, 'deep'))).toEqual(['sibling.txt']);
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'deep/sibling.txt' }));
    await expect(stat(join(gw.root, Bucket, 'deep'))).rejects.toThrow();
    expect((await stat(join(gw.root, Bucket))).isDirectory()).toBe(true);
    const again = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'deep/sibling.txt' }));
    expect(again.$metadata.httpStatusCode).toBe(204);
  });

  it('stores a key ending in / as a directory object', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'folder/', Body: Buffer.alloc(0) }));
    expect((await stat(join(gw.root, Bucket, 'folder'))).isDirectory()).toBe(true);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'folder/' }));
    expect(head.ContentLength).toBe(0);
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'folder/' }));
    await expect(stat(join(gw.root, Bucket, 'folder'))).rejects.toThrow();
  });

  it('round-trips keys with spaces, unicode and URL-special characters', async () => {
    const keys = ['with space.txt', 'ünïcødé/ファイル.txt', 'plus+and&amp=eq?.txt', "quote'paren(1)*!.txt", 'percent%20literal.txt'];
    for (const Key of keys) {
      await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
      const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
      expect(await got.Body?.transformToString()).toBe(Key);
    }
    expect(await readFile(join(gw.root, Bucket, 'ünïcødé', 'ファイル.txt'), 'utf8')).toBe('ünïcødé/ファイル.txt');
  });
});
