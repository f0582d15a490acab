import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { createHash } from 'node:crypto';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { bodyOf, codeOf, disposeFixture, type Fixture, meta, readAll } from '../posix/support';
import {
  backendWith,
  BUCKET,
  bucketFixture,
  countingCopyFileRange,
  createUpload,
  expectedEtag,
  MiB,
  md5Hex,
  partsOf,
  uploadDirOf,
  uploadParts,
  withFailingCopyFileRange,
} from './support';

const crc32Base64 = (data: Buffer): string => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data) >>> 0);
  return out.toString('base64');
};

describe('CompleteMultipartUpload on the posix backend', () => {
  let f: Fixture;
  let backend: PosixBackend;
  beforeEach(async () => ({ backend } = f = await bucketFixture()));
  afterEach(async () => disposeFixture(f));

  const objectData = async (key: string): Promise<Buffer> => readAll((await backend.getObject({ bucket: BUCKET, key, conditions: {} })).body);

  it('assembles the listed parts in order, with the upload metadata and tags, the ETag md5(md5s)-N; parts go on release', async () => {
    const { uploadId } = await backend.createMultipartUpload({
      bucket: BUCKET,
      key: 'a/b/c.bin',
      metadata: meta({ contentType: 'application/x-parts', userMetadata: { who: 'test' } }),
      tagging: { k: 'v' },
    });
    const upload = { bucket: BUCKET, key: 'a/b/c.bin', uploadId };
    const parts = partsOf(3, 4321);
    const listed = await uploadParts(backend, upload, parts);
    const done = await backend.completeMultipartUpload({ ...upload, parts: listed });
    expect(done).toEqual({ etag: expectedEtag(parts), size: 2 * 5 * MiB + 4321 });
    expect((await objectData('a/b/c.bin')).equals(Buffer.concat(parts))).toBe(true);
    const head = await backend.headObject({ bucket: BUCKET, key: 'a/b/c.bin', conditions: {} });
    expect(head.info.metadata).toEqual({ contentType: 'application/x-parts', userMetadata: { who: 'test' } });
    expect(head.info.etag).toBe(expectedEtag(parts));
    const objectFile = path.join(f.root, BUCKET, 'a', 'b', 'c.bin');
    expect((await f.native.getXattr(objectFile, 'user.X-Amz-Tagging'))?.toString()).toBe('{"k":"v"}');

    // Completed but not yet released: the parts wait for the caller to record the completion.
    const uploadDir = uploadDirOf(f, BUCKET, 'a/b/c.bin', uploadId);
    expect((await fsp.readdir(uploadDir)).sort()).toEqual(['1', '2', '3']);
    expect(JSON.parse((await f.native.getXattr(uploadDir, 'user.tracegw.completing'))?.toString() ?? '')).toEqual({
      etag: expectedEtag(parts),
      size: done.size,
      partCount: 3,
    });
    await backend.releaseMultipartUpload(upload);
    await expect(fsp.stat(uploadDir)).rejects.toMatchObject({ code: 'ENOENT' });
    await backend.releaseMultipartUpload(upload); // already gone: fine
    expect(await fsp.readdir(path.join(f.root, BUCKET, '.sgwtmp'))).toEqual(['multipart']);
  });

  it('may leave parts out and skip numbers; replaces an existing object atomically', async () => {
    await backend.putObject({ bucket: BUCKET, key: 'k', body: bodyOf('old'), contentLength: 3, metadata: meta() });
    const upload = await createUpload(backend, 'k');
    const parts = partsOf(3);
    const listed = await uploadParts(backend, upload, parts, 5); // parts 5, 6, 7
    await backend.completeMultipartUpload({ ...upload, parts: [listed[0], listed[2]] });
    // Part 6 was not listed: the object is parts 5 and 7 (part 5 is 5 MiB, so 7 may be short).
    expect((await objectData('k')).equals(Buffer.concat([parts[0], parts[2]]))).toBe(true);
  });

  it.each([
    ['unknown part', (l: { partNumber: number; etag: string }[]) => [l[0], { partNumber: 9, etag: l[1].etag }], 'InvalidPart'],
    ['ETag mismatch', (l: { partNumber: number; etag: string }[]) => [{ ...l[0], etag: 'ffffffffffffffffffffffffffffffff' }, l[1]], 'InvalidPart'],
    ['quoted ETags are fine', (l: { partNumber: number; etag: string }[]) => l.map((p) => ({ ...p, etag: `"${p.etag}"` })), undefined],
  ])('%s', async (_label, edit, code) => {
    const upload = await createUpload(backend, 'k');
    const listed = await uploadParts(backend, upload, partsOf(2));
    const attempt = backend.completeMultipartUpload({ ...upload, parts: edit(listed) });
    if (code === undefined) await attempt;
    else expect(await codeOf(attempt)).toBe(code);
    if (code) await expect(fsp.stat(path.join(f.root, BUCKET, 'k'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('answers EntityTooSmall for any part but the last under 5 MiB', async () => {
    const upload = await createUpload(backend, 'k');
    const listed = await uploadParts(backend, upload, [Buffer.alloc(5 * MiB - 1), Buffer.alloc(10)]);
    expect(await codeOf(backend.completeMultipartUpload({ ...upload, parts: listed }))).toBe('EntityTooSmall');
    // A single small part is the last part: fine.
    const single = await createUpload(backend, 'one');
    const one = await uploadParts(backend, single, [Buffer.from('tiny')]);
    expect((await backend.completeMultipartUpload({ ...single, parts: one })).etag).toBe(expectedEtag([Buffer.from('tiny')]));
  });

  it('answers NoSuchUpload after the upload was completed and released, or aborted', async () => {
    const upload = await createUpload(backend, 'k');
    const listed = await uploadParts(backend, upload, [Buffer.from('x')]);
    await backend.completeMultipartUpload({ ...upload, parts: listed });
    await backend.releaseMultipartUpload(upload);
    expect(await codeOf(backend.completeMultipartUpload({ ...upload, parts: listed }))).toBe('NoSuchUpload');
    expect(await codeOf(backend.uploadPart({ ...upload, partNumber: 2, body: bodyOf('y'), contentLength: 1 }))).toBe('NoSuchUpload');
  });

  it('checks x-amz-mp-object-size against the parts', async () => {
    const upload = await createUpload(backend, 'k');
    const listed = await uploadParts(backend, upload, [Buffer.from('12345')]);
    expect(await codeOf(backend.completeMultipartUpload({ ...upload, parts: listed, objectSize: 6 }))).toBe('InvalidRequest');
    expect((await backend.completeMultipartUpload({ ...upload, parts: listed, objectSize: 5 })).size).toBe(5);
  });

  describe('copy methods', () => {
    it('uses copy_file_range, one call per part', async () => {
      const calls = { count: 0 };
      const counted = backendWith(f, {}, countingCopyFileRange(f.native, calls));
      const upload = await createUpload(counted, 'k');
      const parts = partsOf(3);
      await counted.completeMultipartUpload({ ...upload, parts: await uploadParts(counted, upload, parts) });
      expect(calls.count).toBe(3);
      expect((await objectData('k')).equals(Buffer.concat(parts))).toBe(true);
    });

    it.each(['EXDEV', 'ENOSYS', 'EOPNOTSUPP', 'EINVAL'])('falls back to a user-space copy when copy_file_range fails with %s', async (code) => {
      const calls = { count: 0 };
      const fallback = backendWith(f, {}, withFailingCopyFileRange(f.native, code, calls));
      const upload = await createUpload(fallback, 'k');
      const parts = partsOf(2, 3 * MiB);
      const done = await fallback.completeMultipartUpload({ ...upload, parts: await uploadParts(fallback, upload, parts) });
      expect(calls.count).toBe(2);
      expect(done.etag).toBe(expectedEtag(parts));
      expect((await objectData('k')).equals(Buffer.concat(parts))).toBe(true);
    });

    it('never calls copy_file_range with useCopyFileRange false (--disable-copy-file-range)', async () => {
      const calls = { count: 0 };
      const forced = backendWith(f, { useCopyFileRange: false }, countingCopyFileRange(f.native, calls));
      const upload = await createUpload(forced, 'k');
      const parts = partsOf(2);
      await forced.completeMultipartUpload({ ...upload, parts: await uploadParts(forced, upload, parts) });
      expect(calls.count).toBe(0);
      expect((await objectData('k')).equals(Buffer.concat(parts))).toBe(true);
    });

    it('fails, publishing nothing, when copy_file_range fails for a real reason (EIO)', async () => {
      const broken = backendWith(f, {}, withFailingCopyFileRange(f.native, 'EIO'));
      const upload = await createUpload(broken, 'k');
      const listed = await uploadParts(broken, upload, partsOf(2));
      expect(await codeOf(broken.completeMultipartUpload({ ...upload, parts: listed }))).toBe('InternalError');
      await expect(fsp.stat(path.join(f.root, BUCKET, 'k'))).rejects.toMatchObject({ code: 'ENOENT' });
      // The upload is intact, unmarked, and completes once the file system behaves.
      expect(await f.native.getXattr(uploadDirOf(f, BUCKET, 'k', upload.uploadId), 'user.tracegw.completing')).toBeUndefined();
      await backend.completeMultipartUpload({ ...upload, parts: listed });
    });

    it('with named temporary files too (no O_TMPFILE)', async () => {
      const named = backendWith(f, { useOtmpFile: false });
      const upload = await createUpload(named, 'k');
      const parts = partsOf(2);
      await named.completeMultipartUpload({ ...upload, parts: await uploadParts(named, upload, parts) });
      expect((await objectData('k')).equals(Buffer.concat(parts))).toBe(true);
      expect(await fsp.readdir(path.join(f.root, BUCKET, '.sgwtmp'))).toEqual(['multipart']);
    });
  });

  describe('checksums', () => {
    it('COMPOSITE: the parts must list their checksums; the object gets the checksum of the checksums, -N', async () => {
      const { uploadId } = await backend.createMultipartUpload({ bucket: BUCKET, key: 'c', metadata: meta(), checksum: { algorithm: 'CRC32', type: 'COMPOSITE' } });
      const upload = { bucket: BUCKET, key: 'c', uploadId };
      const parts = partsOf(2);
      const listed = [];
      for (const [i, data] of parts.entries()) {
        const value = crc32Base64(data);
        const out = await backend.uploadPart({ ...upload, partNumber: i + 1, body: bodyOf(data), contentLength: data.length, checksum: { algorithm: 'CRC32', value: () => value } });
        expect(out.checksum).toEqual({ algorithm: 'CRC32', value });
        listed.push({ partNumber: i + 1, etag: out.etag, checksum: { algorithm: 'CRC32' as const, value } });
      }
      const listedParts = await backend.listParts({ ...upload, partNumberMarker: 0, maxParts: 10 });
      expect(listedParts.checksum).toEqual({ algorithm: 'CRC32', type: 'COMPOSITE' });
      expect(listedParts.parts.map((p) => p.checksum?.value)).toEqual(listed.map((p) => p.checksum.value));

      // Missing and wrong part checksums are refused.
      expect(await codeOf(backend.completeMultipartUpload({ ...upload, parts: listed.map(({ partNumber, etag }) => ({ partNumber, etag })) }))).toBe('InvalidRequest');
      expect(await codeOf(backend.completeMultipartUpload({ ...upload, parts: [{ ...listed[0], checksum: { algorithm: 'CRC32', value: 'AAAAAA==' } }, listed[1]] }))).toBe('InvalidPart');

      const done = await backend.completeMultipartUpload({ ...upload, parts: listed });
      const expected = `${crc32Base64(Buffer.concat(parts.map((p) => Buffer.from(crc32Base64(p), 'base64'))))}-2`;
      expect(done.checksum).toEqual({ algorithm: 'CRC32', type: 'COMPOSITE', value: expected });
      const stored = JSON.parse((await f.native.getXattr(path.join(f.root, BUCKET, 'c'), 'user.checksums'))?.toString() ?? '');
      expect(stored).toMatchObject({ Algorithm: 'CRC32', Type: 'COMPOSITE', CRC32: expected });
    });

    it('FULL_OBJECT: the checksum of the whole object, computed while copying (user space)', async () => {
      const calls = { count: 0 };
      const counted = backendWith(f, {}, countingCopyFileRange(f.native, calls));
      const { uploadId } = await counted.createMultipartUpload({ bucket: BUCKET, key: 'full', metadata: meta(), checksum: { algorithm: 'CRC32', type: 'FULL_OBJECT' } });
      const upload = { bucket: BUCKET, key: 'full', uploadId };
      const parts = partsOf(2, 77);
      const listed = [];
      for (const [i, data] of parts.entries()) {
        const value = crc32Base64(data);
        const out = await counted.uploadPart({ ...upload, partNumber: i + 1, body: bodyOf(data), contentLength: data.length, checksum: { algorithm: 'CRC32', value: () => value } });
        listed.push({ partNumber: i + 1, etag: out.etag, checksum: { algorithm: 'CRC32' as const, value } });
      }
      const whole = crc32Base64(Buffer.concat(parts));
      expect(await codeOf(counted.completeMultipartUpload({ ...upload, parts: listed, checksum: { algorithm: 'CRC32', value: 'AAAAAA==' } }))).toBe('BadDigest');
      const done = await counted.completeMultipartUpload({ ...upload, parts: listed, checksum: { algorithm: 'CRC32', value: whole } });
      expect(done.checksum).toEqual({ algorithm: 'CRC32', type: 'FULL_OBJECT', value: whole });
      expect(calls.count).toBe(0);
      expect((await objectData('full')).equals(Buffer.concat(parts))).toBe(true);
    });

    it('refuses a part without the upload algorithm, or with another one', async () => {
      const { uploadId } = await backend.createMultipartUpload({ bucket: BUCKET, key: 's', metadata: meta(), checksum: { algorithm: 'SHA256', type: 'COMPOSITE' } });
      const upload = { bucket: BUCKET, key: 's', uploadId };
      expect(await codeOf(backend.uploadPart({ ...upload, partNumber: 1, body: bodyOf('x'), contentLength: 1 }))).toBe('InvalidRequest');
      const crc = crc32Base64(Buffer.from('x'));
      expect(await codeOf(backend.uploadPart({ ...upload, partNumber: 1, body: bodyOf('x'), contentLength: 1, checksum: { algorithm: 'CRC32', value: () => crc } }))).toBe('InvalidRequest');
      const sha = createHash('sha256').update('x').digest('base64');
      const ok = await backend.uploadPart({ ...upload, partNumber: 1, body: bodyOf('x'), contentLength: 1, checksum: { algorithm: 'SHA256', value: () => sha } });
      expect(ok.etag).toBe(md5Hex(Buffer.from('x')));
    });
  });
});
