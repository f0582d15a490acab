import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type RunningGateway, startGateway } from './support/gateway';
import { testConfig } from './support/test-config';
import { errorCode } from './support/s3-error-code';
import { signedRequest } from './support/signed-request';

/** If-None-Match: * and If-Match on writes, as S3 has them since 2024 (Terraform's S3 lock file, Delta Lake). */
describe.each([
  ['O_TMPFILE', false],
  ['named temporary files', true],
])('conditional writes (%s)', (_label, disableOtmp) => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway((root) => ({ backend: { ...testConfig(root).backend, disableOtmp } }));
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'cond' }));
  });
  afterAll(() => gw.stop());

  const contentOf = (key: string) => readFile(join(gw.root, 'cond', key), 'utf8');

  it('If-None-Match: * writes a new key once; the second write is PreconditionFailed and changes nothing', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'lock', Body: 'first', IfNoneMatch: '*' }));
    expect(await errorCode(s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'lock', Body: 'second', IfNoneMatch: '*' })))).toBe('PreconditionFailed');
    expect(await contentOf('lock')).toBe('first');
  });

  it('of writers racing for a new key with If-None-Match: *, exactly one wins', async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => `writer ${i} `.repeat(20_000));
    const outcomes = await Promise.all(
      bodies.map((Body) =>
        s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'race', Body, IfNoneMatch: '*' })).then(
          () => 'won',
          (err: unknown) => (err as { name?: string }).name,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'won').every((o) => o === 'PreconditionFailed')).toBe(true);
    expect(await contentOf('race')).toBe(bodies[outcomes.indexOf('won')]);
  });

  it('If-Match overwrites only the object with that ETag; NoSuchKey when there is none', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'versioned', Body: 'v1' }));
    expect(await errorCode(s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'versioned', Body: 'v2', IfMatch: '"00000000000000000000000000000000"' })))).toBe('PreconditionFailed');
    await s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'versioned', Body: 'v2', IfMatch: ETag }));
    expect(await contentOf('versioned')).toBe('v2');
    expect(await errorCode(s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'never-was', Body: 'x', IfMatch: ETag })))).toBe('NoSuchKey');
  });

  it('answers NotImplemented for If-None-Match other than *', async () => {
    const res = await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/cond/etag-cond', headers: { 'if-none-match': '"abc"' }, body: 'x' });
    expect([res.status, /<Code>NotImplemented<\/Code>/.test(res.body)]).toEqual([501, true]);
  });

  it('CompleteMultipartUpload honours them too: the upload survives a failed condition and completes after', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'cond', Key: 'mp', Body: 'already here' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'cond', Key: 'mp' }));
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'cond', Key: 'mp', UploadId, PartNumber: 1, Body: 'from parts' }));
    const complete = (extra: { IfNoneMatch?: string }) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: 'cond', Key: 'mp', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] }, ...extra }));
    expect(await errorCode(complete({ IfNoneMatch: '*' }))).toBe('PreconditionFailed');
    expect(await contentOf('mp')).toBe('already here');
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'cond' }))).Uploads?.map((u) => u.UploadId)).toEqual([UploadId]);
    await complete({});
    expect(await contentOf('mp')).toBe('from parts');
  });
});
