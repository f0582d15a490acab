import { randomBytes } from 'node:crypto';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { codeOf, disposeFixture, type Fixture, meta, putInput, readAll } from '../posix/support';
import { BUCKET, bucketFixture, createUpload, OWNER, expectedEtag, MiB, md5Hex, uploadParts } from './support';


describe('UploadPartCopy on the posix backend', () => {
  let f: Fixture;
  let backend: PosixBackend;
  const source = randomBytes(6 * MiB + 100);
  beforeEach(async () => {
    ({ backend } = f = await bucketFixture());
    await backend.createBucket({ bucket: 'other', owner: OWNER });
    await backend.putObject(putInput('other', 'src/data.bin', source));
  });
  afterEach(async () => disposeFixture(f));

  const copy = (upload: { bucket: string; key: string; uploadId: string }, partNumber: number, extra: object = {}) =>
    backend.uploadPartCopy({ ...upload, partNumber, source: { bucket: 'other', key: 'src/data.bin' }, conditions: {}, ...extra });

  it('copies a whole object or a byte range (inclusive) into parts, which complete like any other', async () => {
    const upload = await createUpload(backend, 'copied');
    const whole = await copy(upload, 1);
    expect(whole).toMatchObject({ etag: md5Hex(source), size: source.length });
    const range = await copy(upload, 2, { range: { start: 10, end: 109 } });
    expect(range).toMatchObject({ etag: md5Hex(source.subarray(10, 110)), size: 100 });
    const done = await backend.completeMultipartUpload({ ...upload, parts: [{ partNumber: 1, etag: whole.etag }, { partNumber: 2, etag: range.etag }] });
    expect(done.etag).toBe(expectedEtag([source, source.subarray(10, 110)]));
    const got = await readAll((await backend.getObject({ bucket: BUCKET, key: 'copied', conditions: {} })).body);
    expect(got.equals(Buffer.concat([source, source.subarray(10, 110)]))).toBe(true);
  });

  it('mixes copied and uploaded parts', async () => {
    const upload = await createUpload(backend, 'mixed');
    const [uploaded] = await uploadParts(backend, upload, [randomBytes(5 * MiB)], 2);
    const copied = await copy(upload, 1, { range: { start: 0, end: 5 * MiB - 1 } });
    const done = await backend.completeMultipartUpload({ ...upload, parts: [{ partNumber: 1, etag: copied.etag }, uploaded] });
    expect(done.size).toBe(10 * MiB);
  });

  it('refuses a range outside the source, a missing source, and failed x-amz-copy-source-if-* conditions (412)', async () => {
    const upload = await createUpload(backend, 'k');
    expect(await codeOf(copy(upload, 1, { range: { start: 0, end: source.length } }))).toBe('InvalidArgument');
    expect(await codeOf(backend.uploadPartCopy({ ...upload, partNumber: 1, source: { bucket: 'other', key: 'missing' }, conditions: {} }))).toBe('NoSuchKey');
    expect(await codeOf(backend.uploadPartCopy({ ...upload, partNumber: 1, source: { bucket: 'gone', key: 'x' }, conditions: {} }))).toBe('NoSuchBucket');
    expect(await codeOf(copy(upload, 1, { conditions: { ifMatch: '"ffffffffffffffffffffffffffffffff"' } }))).toBe('PreconditionFailed');
    expect(await codeOf(copy(upload, 1, { conditions: { ifNoneMatch: `"${md5Hex(source)}"` } }))).toBe('PreconditionFailed');
    expect(await codeOf(copy(upload, 1, { conditions: { ifModifiedSince: new Date(Date.now() + 3600_000) } }))).toBe('PreconditionFailed');
    expect((await copy(upload, 1, { conditions: { ifMatch: `"${md5Hex(source)}"` } })).size).toBe(source.length);
    expect(await codeOf(backend.uploadPartCopy({ bucket: BUCKET, key: 'k', uploadId: '00000000-0000-4000-8000-000000000000', partNumber: 1, source: { bucket: 'other', key: 'src/data.bin' }, conditions: {} }))).toBe('NoSuchUpload');
  });

  it('computes the part checksum when the upload has an algorithm', async () => {
    const { uploadId } = await backend.createMultipartUpload({ bucket: BUCKET, key: 'sum', metadata: meta(), checksum: { algorithm: 'SHA256', type: 'COMPOSITE' } });
    const part = await copy({ bucket: BUCKET, key: 'sum', uploadId }, 1, { range: { start: 0, end: 9 } });
    const { createHash } = await import('node:crypto');
    expect(part.checksum).toEqual({ algorithm: 'SHA256', value: createHash('sha256').update(source.subarray(0, 10)).digest('base64') });
  });
});
