import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { createHash, randomBytes } from 'node:crypto';
import type { NativeFs } from '../../../src/backends/posix/native.types';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { bodyOf, codeOf, disposeFixture, type Fixture, meta, readAll } from '../posix/support';
import {
  backendWith,
  BUCKET,
  bucketFixture,
  countingKernelCopies,
  createUpload,
  expectedEtag,
  MiB,
  md5Hex,
  partsOf,
  uploadDirOf,
  uploadParts,
  noKernelCopies,
  withFailingKernelCopy,
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
    await backend.close(); // the parts' deletion ran after the release returned
    expect((await fsp.readdir(path.join(f.root, BUCKET, '.sgwtmp'))).sort()).toEqual(['multipart', 'removing']);
    expect(await fsp.readdir(path.join(f.root, BUCKET, '.sgwtmp', 'removing'))).toEqual([]);
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
    /** Uploads `parts` through `via`, completes, and checks the object byte for byte. */
    async function completeThrough(via: PosixBackend, parts: Buffer[], key = 'k'): Promise<void> {
      const upload = await createUpload(via, key);
      const done = await via.completeMultipartUpload({ ...upload, parts: await uploadParts(via, upload, parts) });
      expect(done).toEqual({ etag: expectedEtag(parts), size: Buffer.concat(parts).length });
      expect((await objectData(key)).equals(Buffer.concat(parts))).toBe(true);
    }

    it('copies in the kernel: a reflink where the file system shares extents, else splice into O_DIRECT per aligned part, copy_file_range for the rest', async () => {
      const calls = noKernelCopies();
      const reflinked: boolean[] = [];
      await completeThrough(backendWith(f, {}, countingKernelCopies(f.native, calls, reflinked)), partsOf(3));
      // Asked once: parts in flight wait for the first answer. The 1234-byte part is below a block.
      expect(calls.cloneRange).toBe(reflinked[0] ? 2 : 1);
      expect(calls).toEqual(reflinked[0] ? { cloneRange: 2, spliceCopy: 0, copyFileRange: 1 } : { cloneRange: 1, spliceCopy: 2, copyFileRange: 1 });
    });

    it.each([
      ['an unaligned first part puts the rest off the block grid', [5 * MiB + 1, 5 * MiB, 5 * MiB, 10]],
      ['unaligned tails, later parts aligned again', [5 * MiB, 5 * MiB + 4095, 5 * MiB + 1, 5 * MiB, 4097]],
      ['every part aligned', [5 * MiB, 5 * MiB, 5 * MiB, 3 * 4096]],
      ['one part under a block', [100]],
      ['one empty part', [0]],
    ])('assembles byte for byte, O_DIRECT and page-cache writes side by side: %s', async (_label, sizes) => {
      await completeThrough(backend, sizes.map((size) => randomBytes(size)));
    });

    it('without O_DIRECT on the file system: copy_file_range through the page cache', async () => {
      const calls = noKernelCopies();
      const native = { ...countingKernelCopies(f.native, calls), openDirect: async () => undefined };
      await completeThrough(backendWith(f, {}, native), partsOf(3));
      expect(calls).toMatchObject({ spliceCopy: 0, copyFileRange: 3 });
    });

    it('when the device refuses the O_DIRECT writes (EINVAL), the page cache takes that part and the rest', async () => {
      const calls = noKernelCopies();
      const counted = countingKernelCopies(f.native, calls);
      const native: NativeFs = { ...counted, spliceCopy: async () => (calls.spliceCopy++, Promise.reject(Object.assign(new Error('splice: EINVAL'), { code: 'EINVAL' }))) };
      await completeThrough(backendWith(f, {}, native), partsOf(5));
      // At most the two parts already in flight tried; all five went through copy_file_range.
      expect(calls.spliceCopy).toBeGreaterThanOrEqual(1);
      expect(calls.spliceCopy).toBeLessThanOrEqual(2);
      expect(calls.copyFileRange).toBe(5);
    });

    it('on a file system that shares extents, the aligned parts are reflinked, nothing copied', async () => {
      // ext4 has no reflinks: this clone is a copy that says it was one.
      const calls = noKernelCopies();
      const counted = countingKernelCopies(f.native, calls);
      const native: NativeFs = { ...counted, cloneRange: async (...args) => (calls.cloneRange++, (await f.native.copyFileRange(...args)) === args[4]) };
      await completeThrough(backendWith(f, {}, native), partsOf(3, 2 * MiB));
      expect(calls).toEqual({ cloneRange: 3, spliceCopy: 0, copyFileRange: 0 });
    });

    it.each(['EXDEV', 'ENOSYS', 'EOPNOTSUPP', 'EINVAL'])('falls back to a user-space copy when the kernel copies fail with %s', async (code) => {
      const calls = noKernelCopies();
      const parts = partsOf(2, 3 * MiB);
      await completeThrough(backendWith(f, {}, withFailingKernelCopy(f.native, code, calls)), parts);
      // Every part tried the kernel first (and failed), so the bytes came through user space.
      expect(calls.spliceCopy + calls.copyFileRange).toBeGreaterThanOrEqual(parts.length);
    });

    it('never copies in the kernel with useCopyFileRange false (--disable-copy-file-range)', async () => {
      const calls = noKernelCopies();
      await completeThrough(backendWith(f, { useCopyFileRange: false }, countingKernelCopies(f.native, calls)), partsOf(3, 3 * MiB));
      expect(calls).toEqual(noKernelCopies());
    });

    it('fails, publishing nothing, when the kernel copy fails for a real reason (EIO)', async () => {
      const broken = backendWith(f, {}, withFailingKernelCopy(f.native, 'EIO'));
      const upload = await createUpload(broken, 'k');
      const listed = await uploadParts(broken, upload, partsOf(2));
      expect(await codeOf(broken.completeMultipartUpload({ ...upload, parts: listed }))).toBe('InternalError');
      await expect(fsp.stat(path.join(f.root, BUCKET, 'k'))).rejects.toMatchObject({ code: 'ENOENT' });
      // The upload is intact, unmarked, and completes once the file system behaves.
      expect(await f.native.getXattr(uploadDirOf(f, BUCKET, 'k', upload.uploadId), 'user.tracegw.completing')).toBeUndefined();
      await backend.completeMultipartUpload({ ...upload, parts: listed });
    });

    it('one part failing while others copy: every copy in flight ends first, nothing is published, the upload completes later', async () => {
      const started: number[] = [];
      const ended: number[] = [];
      let failedAt = 0;
      const native: NativeFs = {
        ...f.native,
        spliceCopy: async (fdIn, offIn, fdOut, offOut, length) => {
          started.push(offOut);
          try {
            if (offOut === 5 * MiB) {
              failedAt = performance.now();
              throw Object.assign(new Error('splice: EIO'), { code: 'EIO' });
            }
            // Still copying when the other part fails.
            await new Promise((resolve) => setTimeout(resolve, 50));
            return await f.native.spliceCopy(fdIn, offIn, fdOut, offOut, length);
          } finally {
            ended.push(performance.now());
          }
        },
      };
      const flaky = backendWith(f, {}, native);
      const upload = await createUpload(flaky, 'k');
      const parts = partsOf(4);
      const listed = await uploadParts(flaky, upload, parts);
      const outcome = flaky.completeMultipartUpload({ ...upload, parts: listed });
      expect(await codeOf(outcome)).toBe('InternalError');
      const settled = performance.now();
      // Part 1 was in flight beside the failing part 2 (either may have reached its copy first)
      // and finished before the failure was reported; part 3 never started.
      expect([...started].sort((a, b) => a - b)).toEqual([0, 5 * MiB]);
      expect(Math.max(...ended)).toBeLessThanOrEqual(settled);
      expect(Math.max(...ended)).toBeGreaterThan(failedAt);
      await expect(fsp.stat(path.join(f.root, BUCKET, 'k'))).rejects.toMatchObject({ code: 'ENOENT' });
      await backend.completeMultipartUpload({ ...upload, parts: listed });
      expect((await objectData('k')).equals(Buffer.concat(parts))).toBe(true);
    });

    it.each([
      ['the kernel copy', {}, false],
      ['the user-space fallback', { useCopyFileRange: false }, false],
      ['the checksum copy (FULL_OBJECT)', {}, true],
    ] as const)('%s writes the object with O_DIRECT: none of it is left in the page cache', async (_how, options, fullObject) => {
      const via = backendWith(f, options);
      const checksum = fullObject ? ({ algorithm: 'CRC32', type: 'FULL_OBJECT' } as const) : undefined;
      const { uploadId } = await via.createMultipartUpload({ bucket: BUCKET, key: 'k', metadata: meta(), checksum });
      const upload = { bucket: BUCKET, key: 'k', uploadId };
      const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(MiB)];
      const listed = [];
      for (const [i, data] of parts.entries()) {
        const value = crc32Base64(data);
        const part = { ...upload, partNumber: i + 1, body: bodyOf(data), contentLength: data.length };
        const out = await via.uploadPart(fullObject ? { ...part, checksum: { algorithm: 'CRC32', value: () => value } } : part);
        listed.push(fullObject ? { partNumber: i + 1, etag: out.etag, checksum: { algorithm: 'CRC32' as const, value } } : { partNumber: i + 1, etag: out.etag });
      }
      await via.completeMultipartUpload({ ...upload, parts: listed });
      // fincore (util-linux) counts the file's pages in the page cache: a buffered copy leaves all 11 MiB there.
      const resident = Number(execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', path.join(f.root, BUCKET, 'k')]).toString().trim());
      expect(resident).toBe(0);
      expect((await objectData('k')).equals(Buffer.concat(parts))).toBe(true);
    });

    it('copies at most two parts at once across concurrent completions of one backend', async () => {
      let inFlight = 0;
      let most = 0;
      const track =
        <A extends unknown[]>(call: (...args: A) => Promise<number>) =>
        async (...args: A): Promise<number> => {
          most = Math.max(most, ++inFlight);
          try {
            return await call(...args);
          } finally {
            inFlight--;
          }
        };
      const native: NativeFs = { ...f.native, spliceCopy: track(f.native.spliceCopy), copyFileRange: track(f.native.copyFileRange) };
      const shared = backendWith(f, {}, native);
      const uploads = await Promise.all(['a', 'b', 'c'].map(async (key) => {
        const upload = await createUpload(shared, key);
        const parts = partsOf(3, 5 * MiB);
        return { upload, parts, listed: await uploadParts(shared, upload, parts) };
      }));
      await Promise.all(uploads.map(({ upload, listed }) => shared.completeMultipartUpload({ ...upload, parts: listed })));
      expect(most).toBe(2);
      for (const { upload, parts } of uploads) expect((await objectData(upload.key)).equals(Buffer.concat(parts))).toBe(true);
    });

    it('reserves the whole object first: out of space fails before any copy, with nothing published', async () => {
      const calls = noKernelCopies();
      const full: NativeFs = { ...countingKernelCopies(f.native, calls), preallocate: async () => Promise.reject(Object.assign(new Error('fallocate: ENOSPC'), { code: 'ENOSPC' })) };
      const upload = await createUpload(backend, 'k');
      const listed = await uploadParts(backend, upload, partsOf(2));
      expect(await codeOf(backendWith(f, {}, full).completeMultipartUpload({ ...upload, parts: listed }))).toBe('ServiceUnavailable');
      expect(calls).toEqual(noKernelCopies());
      await expect(fsp.stat(path.join(f.root, BUCKET, 'k'))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('without fallocate on the file system, assembles all the same', async () => {
      await completeThrough(backendWith(f, {}, { ...f.native, preallocate: async () => false }), partsOf(3));
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
      const calls = noKernelCopies();
      const counted = backendWith(f, {}, countingKernelCopies(f.native, calls));
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
      expect(calls).toEqual(noKernelCopies());
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
