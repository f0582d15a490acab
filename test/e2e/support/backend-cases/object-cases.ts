import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { errorCode, errorStatus } from '../s3-error-code';

const md5 = (data: string | Buffer): string => createHash('md5').update(data).digest('hex');

/** What the storage behind the gateway holds for a key of the cases' bucket, read there directly (Azurite, the upstream). */
export interface StoredObject {
  body(key: string): Promise<string>;
  metadata(key: string): Promise<Record<string, string | undefined>>;
  contentDisposition(key: string): Promise<string | undefined>;
}

/**
 * The object cases every remote backend answers as posix does (bodies, metadata and headers,
 * ranges, conditions, large bodies, copies, errors), declared inside the backend's own describe:
 * `s3` is its client once started, `Bucket` a bucket it made, `stored` how the storage behind is
 * read. The last case leaves `Bucket` with objects and deletes a bucket `empty`.
 */
export function objectCases(s3: () => S3Client, Bucket: string, stored: StoredObject): void {
  it('stores an object behind the gateway and returns it with its MD5 ETag, type and length', async () => {
    const body = 'hello, backend\n';
    const put = await s3().send(new PutObjectCommand({ Bucket, Key: 'docs/hello.txt', Body: body, ContentType: 'text/plain' }));
    expect(put.ETag).toBe(`"${md5(body)}"`);
    expect(await stored.body('docs/hello.txt')).toBe(body);
    const got = await s3().send(new GetObjectCommand({ Bucket, Key: 'docs/hello.txt' }));
    expect(await got.Body?.transformToString()).toBe(body);
    expect(got.ETag).toBe(`"${md5(body)}"`);
    expect(got.ContentType).toBe('text/plain');
    expect(got.ContentLength).toBe(body.length);
  });

  it('keeps x-amz-meta-* (names such as run-id and acl too) and the content headers', async () => {
    const Metadata = { project: 'apollo', 'run-id': '42', acl: 'not-ours' };
    await s3().send(
      new PutObjectCommand({
        Bucket,
        Key: 'meta.bin',
        Body: Buffer.from([1, 2, 3]),
        Metadata,
        ContentDisposition: 'attachment; filename="m.bin"',
        ContentLanguage: 'en',
        CacheControl: 'max-age=60',
        ContentEncoding: 'identity',
        Expires: new Date('2030-01-01T00:00:00Z'),
      }),
    );
    const head = await s3().send(new HeadObjectCommand({ Bucket, Key: 'meta.bin' }));
    expect(head.Metadata).toEqual(Metadata);
    expect(head.ContentDisposition).toBe('attachment; filename="m.bin"');
    expect(head.ContentLanguage).toBe('en');
    expect(head.CacheControl).toBe('max-age=60');
    expect(head.ContentEncoding).toBe('identity');
    expect(head.ExpiresString).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
    expect(head.ContentLength).toBe(3);
    expect(await stored.contentDisposition('meta.bin')).toBe('attachment; filename="m.bin"');
    expect((await stored.metadata('meta.bin')).project).toBe('apollo');
  });

  it('serves byte ranges with 206 and refuses an unsatisfiable one with InvalidRange', async () => {
    await s3().send(new PutObjectCommand({ Bucket, Key: 'range.txt', Body: '0123456789' }));
    const part = await s3().send(new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=2-5' }));
    expect(part.$metadata.httpStatusCode).toBe(206);
    expect(part.ContentRange).toBe('bytes 2-5/10');
    expect(await part.Body?.transformToString()).toBe('2345');
    const suffix = await s3().send(new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=-3' }));
    expect(await suffix.Body?.transformToString()).toBe('789');
    expect(await errorCode(s3().send(new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=10-20' })))).toBe('InvalidRange');
  });

  it('answers conditional reads and writes as S3 does', async () => {
    const put = await s3().send(new PutObjectCommand({ Bucket, Key: 'cond.txt', Body: 'v1' }));
    expect(await errorCode(s3().send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfMatch: '"0000"' })))).toBe('PreconditionFailed');
    expect(await errorStatus(s3().send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfNoneMatch: put.ETag })))).toBe(304);
    expect(await errorCode(s3().send(new PutObjectCommand({ Bucket, Key: 'cond.txt', Body: 'v2', IfNoneMatch: '*' })))).toBe('PreconditionFailed');
    expect(await errorCode(s3().send(new PutObjectCommand({ Bucket, Key: 'cond.txt', Body: 'v2', IfMatch: '"0000"' })))).toBe('PreconditionFailed');
    await s3().send(new PutObjectCommand({ Bucket, Key: 'cond.txt', Body: 'v2', IfMatch: put.ETag }));
    expect(await (await s3().send(new GetObjectCommand({ Bucket, Key: 'cond.txt' }))).Body?.transformToString()).toBe('v2');
  });

  it('streams a body of 24 MiB both ways', async () => {
    const body = Buffer.alloc(24 * 1024 * 1024, 7);
    const put = await s3().send(new PutObjectCommand({ Bucket, Key: 'big.bin', Body: body }));
    expect(put.ETag).toBe(`"${md5(body)}"`);
    const got = await s3().send(new GetObjectCommand({ Bucket, Key: 'big.bin' }));
    expect(md5(Buffer.from(await got.Body!.transformToByteArray()))).toBe(md5(body));
  });

  it('copies with the source metadata and tags or the request’s, onto itself only with REPLACE', async () => {
    await s3().send(new PutObjectCommand({ Bucket, Key: 'src.txt', Body: 'copy me', ContentType: 'text/x-src', Metadata: { origin: 'src' }, Tagging: 'k=v' }));
    const copied = await s3().send(new CopyObjectCommand({ Bucket, Key: 'dst.txt', CopySource: `${Bucket}/src.txt` }));
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`);
    const head = await s3().send(new HeadObjectCommand({ Bucket, Key: 'dst.txt' }));
    expect(head.ContentType).toBe('text/x-src');
    expect(head.Metadata).toEqual({ origin: 'src' });
    expect(head.ETag).toBe(`"${md5('copy me')}"`);
    expect((await s3().send(new GetObjectTaggingCommand({ Bucket, Key: 'dst.txt' }))).TagSet).toEqual([{ Key: 'k', Value: 'v' }]);

    await s3().send(
      new CopyObjectCommand({ Bucket, Key: 'dst2.txt', CopySource: `${Bucket}/src.txt`, MetadataDirective: 'REPLACE', ContentType: 'text/x-new', Metadata: { origin: 'new' }, TaggingDirective: 'REPLACE', Tagging: 'n=1' }),
    );
    const replaced = await s3().send(new HeadObjectCommand({ Bucket, Key: 'dst2.txt' }));
    expect(replaced.ContentType).toBe('text/x-new');
    expect(replaced.Metadata).toEqual({ origin: 'new' });
    expect(replaced.ETag).toBe(`"${md5('copy me')}"`);
    expect((await s3().send(new GetObjectTaggingCommand({ Bucket, Key: 'dst2.txt' }))).TagSet).toEqual([{ Key: 'n', Value: '1' }]);
    expect(await (await s3().send(new GetObjectCommand({ Bucket, Key: 'dst2.txt' }))).Body?.transformToString()).toBe('copy me');

    expect(await errorCode(s3().send(new CopyObjectCommand({ Bucket, Key: 'src.txt', CopySource: `${Bucket}/src.txt` })))).toBe('InvalidRequest');
    await s3().send(new CopyObjectCommand({ Bucket, Key: 'src.txt', CopySource: `${Bucket}/src.txt`, MetadataDirective: 'REPLACE', Metadata: { origin: 'self' } }));
    expect((await s3().send(new HeadObjectCommand({ Bucket, Key: 'src.txt' }))).Metadata).toEqual({ origin: 'self' });
    expect(await errorCode(s3().send(new CopyObjectCommand({ Bucket, Key: 'x', CopySource: `${Bucket}/missing.txt` })))).toBe('NoSuchKey');
    expect(await errorCode(s3().send(new CopyObjectCommand({ Bucket, Key: 'x', CopySource: `${Bucket}/src.txt`, CopySourceIfMatch: '"0000"' })))).toBe('PreconditionFailed');
  });

  it('refuses x-amz-object-lock-* on writes as AWS does in a bucket without object lock, rather than store an unlocked object', async () => {
    await s3().send(new PutObjectCommand({ Bucket, Key: 'lock-src.txt', Body: 'src' }));
    const lock = { ObjectLockMode: 'GOVERNANCE' as const, ObjectLockRetainUntilDate: new Date(Date.now() + 86_400_000) };
    expect(await errorCode(s3().send(new PutObjectCommand({ Bucket, Key: 'locked.txt', Body: 'x', ...lock })))).toBe('InvalidRequest');
    expect(await errorCode(s3().send(new PutObjectCommand({ Bucket, Key: 'locked.txt', Body: 'x', ObjectLockLegalHoldStatus: 'ON' })))).toBe('InvalidRequest');
    expect(await errorCode(s3().send(new CopyObjectCommand({ Bucket, Key: 'locked.txt', CopySource: `${Bucket}/lock-src.txt`, ...lock })))).toBe('InvalidRequest');
    expect(await errorCode(s3().send(new CreateMultipartUploadCommand({ Bucket, Key: 'locked.txt', ...lock })))).toBe('InvalidRequest');
    expect(await errorCode(s3().send(new HeadObjectCommand({ Bucket, Key: 'locked.txt' })))).toBe('NotFound');
  });

  it('answers NoSuchKey and NoSuchBucket, deletes idempotently, and refuses to delete a bucket with objects', async () => {
    expect(await errorCode(s3().send(new GetObjectCommand({ Bucket, Key: 'missing' })))).toBe('NoSuchKey');
    expect(await errorCode(s3().send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })))).toBe('NoSuchBucket');
    expect(await errorCode(s3().send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })))).toBe('NoSuchBucket');
    await s3().send(new PutObjectCommand({ Bucket, Key: 'gone.txt', Body: 'x' }));
    await s3().send(new DeleteObjectCommand({ Bucket, Key: 'gone.txt' }));
    await s3().send(new DeleteObjectCommand({ Bucket, Key: 'gone.txt' }));
    expect(await errorCode(s3().send(new HeadObjectCommand({ Bucket, Key: 'gone.txt' })))).toBe('NotFound');
    expect(await errorCode(s3().send(new DeleteBucketCommand({ Bucket })))).toBe('BucketNotEmpty');
    await s3().send(new CreateBucketCommand({ Bucket: 'empty' }));
    await s3().send(new DeleteBucketCommand({ Bucket: 'empty' }));
    expect(await errorCode(s3().send(new HeadBucketCommand({ Bucket: 'empty' })))).toBe('NotFound');
  });
}
