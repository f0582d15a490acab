import { createHash, randomBytes } from 'node:crypto';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { loadNativeFs } from '../../src/backends/posix/native/native-fs';
import { type RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';
import { twoUsersWithBuckets } from './support/two-users';

const md5 = (data: Buffer | string): string => createHash('md5').update(data).digest('hex');

describe('CopyObject (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    for (const Bucket of ['copy-from', 'copy-to']) await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket: 'copy-from', Key: 'src/data.txt', Body: 'the data', ContentType: 'text/plain', Metadata: { colour: 'blue' } }));
  });
  afterAll(() => gw.stop());

  const head = (Bucket: string, Key: string) => s3.send(new HeadObjectCommand({ Bucket, Key }));

  it('copies data and metadata to another bucket and key, answering the new ETag and time', async () => {
    const out = await s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'dst/copy.txt', CopySource: 'copy-from/src/data.txt' }));
    expect(out.CopyObjectResult?.ETag).toBe(`"${md5('the data')}"`);
    expect(out.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    expect(await readFile(join(gw.root, 'copy-to', 'dst', 'copy.txt'), 'utf8')).toBe('the data');
    const copied = await head('copy-to', 'dst/copy.txt');
    expect([copied.ContentType, copied.Metadata, copied.ETag]).toEqual(['text/plain', { colour: 'blue' }, `"${md5('the data')}"`]);
  });

  it('takes the request metadata with REPLACE, and a URL-encoded source with a leading slash', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'copy-from', Key: 'name with space+plus.txt', Body: 'x' }));
    await s3.send(
      new CopyObjectCommand({
        Bucket: 'copy-to',
        Key: 'replaced.txt',
        CopySource: `/copy-from/${encodeURIComponent('name with space+plus.txt')}`,
        MetadataDirective: 'REPLACE',
        ContentType: 'application/x-new',
        Metadata: { shape: 'round' },
      }),
    );
    const copied = await head('copy-to', 'replaced.txt');
    expect([copied.ContentType, copied.Metadata]).toEqual(['application/x-new', { shape: 'round' }]);
  });

  it('copies onto itself only to change something (InvalidRequest otherwise), keeping the data', async () => {
    const self = { Bucket: 'copy-from', Key: 'src/data.txt', CopySource: 'copy-from/src/data.txt' };
    expect(await errorCode(s3.send(new CopyObjectCommand(self)))).toBe('InvalidRequest');
    await s3.send(new CopyObjectCommand({ ...self, MetadataDirective: 'REPLACE', ContentType: 'text/markdown', Metadata: { colour: 'red' } }));
    const changed = await head('copy-from', 'src/data.txt');
    expect([changed.ContentType, changed.Metadata, changed.ContentLength]).toEqual(['text/markdown', { colour: 'red' }, 8]);
    expect(await readFile(join(gw.root, 'copy-from', 'src', 'data.txt'), 'utf8')).toBe('the data');
  });

  it('checks x-amz-copy-source-if-* against the source: 412 when they fail', async () => {
    const base = { Bucket: 'copy-to', Key: 'conditional.txt', CopySource: 'copy-from/src/data.txt' };
    expect(await errorCode(s3.send(new CopyObjectCommand({ ...base, CopySourceIfMatch: '"0123456789abcdef0123456789abcdef"' })))).toBe('PreconditionFailed');
    expect(await errorCode(s3.send(new CopyObjectCommand({ ...base, CopySourceIfNoneMatch: `"${md5('the data')}"` })))).toBe('PreconditionFailed');
    await s3.send(new CopyObjectCommand({ ...base, CopySourceIfMatch: `"${md5('the data')}"` }));
    expect(await readFile(join(gw.root, 'copy-to', 'conditional.txt'), 'utf8')).toBe('the data');
  });

  it('answers NoSuchKey, NoSuchBucket and InvalidArgument as AWS does', async () => {
    expect(await errorCode(s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'k', CopySource: 'copy-from/missing' })))).toBe('NoSuchKey');
    expect(await errorCode(s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'k', CopySource: 'no-such-source/x' })))).toBe('NoSuchBucket');
    expect(await errorCode(s3.send(new CopyObjectCommand({ Bucket: 'no-such-target', Key: 'k', CopySource: 'copy-from/src/data.txt' })))).toBe('NoSuchBucket');
    expect(await errorCode(s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'k', CopySource: 'copy-from' })))).toBe('InvalidArgument');
    expect(await errorCode(s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'k', CopySource: 'copy-from/src/data.txt', MetadataDirective: 'MERGE' as 'COPY' })))).toBe('InvalidArgument');
  });

  it('refuses a source over 5 GiB, as AWS (UploadPartCopy copies those)', async () => {
    // Sparse: 5 GiB and one byte of nothing, put in place behind the gateway's back.
    await writeFile(join(gw.root, 'copy-from', 'huge.bin'), '');
    await truncate(join(gw.root, 'copy-from', 'huge.bin'), 5 * 1024 ** 3 + 1);
    const refused = s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'huge-copy.bin', CopySource: 'copy-from/huge.bin' }));
    expect(await errorCode(refused)).toBe('InvalidRequest');
  });

  it('gives the copy of a multipart object the plain MD5 of its data as ETag, like one PUT', async () => {
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1000)];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'copy-from', Key: 'mp.bin' }));
    const listed = [];
    for (const [i, Body] of parts.entries()) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'copy-from', Key: 'mp.bin', UploadId, PartNumber: i + 1, Body }));
      listed.push({ PartNumber: i + 1, ETag });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'copy-from', Key: 'mp.bin', UploadId, MultipartUpload: { Parts: listed } }));
    const out = await s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'mp-copy.bin', CopySource: 'copy-from/mp.bin' }));
    expect(out.CopyObjectResult?.ETag).toBe(`"${md5(Buffer.concat(parts))}"`);
    const body = await (await s3.send(new GetObjectCommand({ Bucket: 'copy-to', Key: 'mp-copy.bin' }))).Body?.transformToByteArray();
    expect(md5(Buffer.from(body ?? []))).toBe(md5(Buffer.concat(parts)));
  });

  it('copies the tags with the data, or takes the request x-amz-tagging with REPLACE', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'copy-from', Key: 'tagged', Tagging: 'team=storage&tier=gold' }));
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'copy-from', Key: 'tagged', UploadId, PartNumber: 1, Body: 'tagged data' }));
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'copy-from', Key: 'tagged', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] } }));
    // GetObjectTagging is not served yet: the tags are read where they are kept, VersityGW's attribute.
    const tagsOf = async (key: string) => (await loadNativeFs().getXattr(join(gw.root, 'copy-to', key), 'user.X-Amz-Tagging'))?.toString();

    await s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'tags-kept', CopySource: 'copy-from/tagged' }));
    expect(await tagsOf('tags-kept')).toBe('{"team":"storage","tier":"gold"}');
    await s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'tags-new', CopySource: 'copy-from/tagged', TaggingDirective: 'REPLACE', Tagging: 'owner=me' }));
    expect(await tagsOf('tags-new')).toBe('{"owner":"me"}');
    await s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'tags-none', CopySource: 'copy-from/tagged', TaggingDirective: 'REPLACE' }));
    expect(await tagsOf('tags-none')).toBeUndefined();
    // A directory object (`key/`) takes its tags as a file does.
    await s3.send(new PutObjectCommand({ Bucket: 'copy-from', Key: 'empty-dir/', Body: '', Tagging: 'kind=folder' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'copy-to', Key: 'dir-copy/', CopySource: 'copy-from/empty-dir/' }));
    expect(await tagsOf('dir-copy')).toBe('{"kind":"folder"}');
  });

  it("lets a user copy only from a bucket it may read (another user's bucket is AccessDenied)", async () => {
    const { alice: a, bob: b } = await twoUsersWithBuckets(gw, 'copies');
    await a.send(new PutObjectCommand({ Bucket: 'alice-copies', Key: 'secret', Body: 'mine' }));
    expect(await errorCode(b.send(new CopyObjectCommand({ Bucket: 'bob-copies', Key: 'stolen', CopySource: 'alice-copies/secret' })))).toBe('AccessDenied');
    expect(await errorCode(a.send(new CopyObjectCommand({ Bucket: 'bob-copies', Key: 'pushed', CopySource: 'alice-copies/secret' })))).toBe('AccessDenied');
    await a.send(new CopyObjectCommand({ Bucket: 'alice-copies', Key: 'backup', CopySource: 'alice-copies/secret' }));
    expect(await readFile(join(gw.root, 'alice-copies', 'backup'), 'utf8')).toBe('mine');
  });
});
