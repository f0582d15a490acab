import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { bodyOf, codeOf, disposeFixture, type Fixture, meta, readAll, tree } from '../posix/support';
import { BUCKET, bucketFixture, createUpload, expectedEtag, MiB, md5Hex, partsOf, sha256Hex, uploadDirOf, uploadParts } from './support';

const text = async (f: Fixture, file: string, name: string): Promise<string | undefined> => (await f.native.getXattr(file, name))?.toString('utf8');

describe("multipart uploads on disk, in VersityGW's layout", () => {
  let f: Fixture;
  let backend: PosixBackend;
  beforeEach(async () => ({ backend } = f = await bucketFixture()));
  afterEach(async () => disposeFixture(f));

  it('keeps an upload in .sgwtmp/multipart/<sha256 of key>/<uuid>, the key in user.objname of the key directory', async () => {
    const key = 'photos/2024/cat.jpg';
    const { uploadId } = await backend.createMultipartUpload({
      bucket: BUCKET,
      key,
      metadata: meta({ contentType: 'image/jpeg', cacheControl: 'no-cache', userMetadata: { camera: 'x100' } }),
      tagging: { project: 'zoo', year: '2024' },
      checksum: { algorithm: 'CRC32', type: 'COMPOSITE' },
    });
    expect(uploadId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const keyDir = path.join(f.root, BUCKET, '.sgwtmp', 'multipart', sha256Hex(key));
    expect(await text(f, keyDir, 'user.objname')).toBe(key);
    const uploadDir = path.join(keyDir, uploadId);
    expect(await text(f, uploadDir, 'user.content-type')).toBe('image/jpeg');
    expect(await text(f, uploadDir, 'user.cache-control')).toBe('no-cache');
    expect(await text(f, uploadDir, 'user.X-Amz-Meta.camera')).toBe('x100');
    expect(JSON.parse((await text(f, uploadDir, 'user.X-Amz-Tagging')) ?? '')).toEqual({ project: 'zoo', year: '2024' });
    expect(JSON.parse((await text(f, uploadDir, 'user.checksums')) ?? '')).toEqual({
      Algorithm: 'CRC32',
      Type: 'COMPOSITE',
      CRC32: null,
      CRC32C: null,
      SHA1: null,
      SHA256: null,
      CRC64NVME: null,
    });
    // Nothing else: no staging directory left, no object yet.
    expect(await tree(path.join(f.root, BUCKET))).toEqual(['.sgwtmp/', '.sgwtmp/multipart/', `.sgwtmp/multipart/${sha256Hex(key)}/`, `.sgwtmp/multipart/${sha256Hex(key)}/${uploadId}/`]);
  });

  it('stores each part as <upload dir>/<part number> with its quoted ETag in user.etag; a part sent again replaces it', async () => {
    const upload = await createUpload(backend, 'k');
    const first = randomBytes(1000);
    const out = await backend.uploadPart({ ...upload, partNumber: 7, body: bodyOf(first), contentLength: first.length });
    expect(out).toMatchObject({ etag: md5Hex(first), size: 1000 });
    const file = path.join(uploadDirOf(f, BUCKET, 'k', upload.uploadId), '7');
    expect(await fsp.readFile(file)).toEqual(first);
    expect(await text(f, file, 'user.etag')).toBe(`"${md5Hex(first)}"`);

    const again = randomBytes(2000);
    await backend.uploadPart({ ...upload, partNumber: 7, body: bodyOf(again), contentLength: again.length });
    expect(await fsp.readFile(file)).toEqual(again);
    expect(await text(f, file, 'user.etag')).toBe(`"${md5Hex(again)}"`);
    // Nothing of either upload stays behind in .sgwtmp.
    expect((await fsp.readdir(path.join(f.root, BUCKET, '.sgwtmp'))).sort()).toEqual(['multipart']);
  });

  it('completes an upload VersityGW wrote (no journal involved): the file system alone is enough', async () => {
    // What VersityGW leaves on disk for an upload with two parts, built by hand.
    const key = 'from/versitygw.bin';
    const uploadId = randomUUID();
    const keyDir = path.join(f.root, BUCKET, '.sgwtmp', 'multipart', sha256Hex(key));
    const uploadDir = path.join(keyDir, uploadId);
    await fsp.mkdir(uploadDir, { recursive: true });
    await f.native.setXattr(keyDir, 'user.objname', Buffer.from(key));
    await f.native.setXattr(uploadDir, 'user.content-type', Buffer.from('text/plain'));
    const parts = [randomBytes(5 * MiB), randomBytes(10)];
    for (const [i, data] of parts.entries()) {
      await fsp.writeFile(path.join(uploadDir, String(i + 1)), data);
      await f.native.setXattr(path.join(uploadDir, String(i + 1)), 'user.etag', Buffer.from(`"${md5Hex(data)}"`));
    }

    const listed = await backend.listMultipartUploads({ bucket: BUCKET, prefix: '', delimiter: '', keyMarker: '', uploadIdMarker: '', maxUploads: 1000 });
    expect(listed.uploads.map((u) => [u.key, u.uploadId])).toEqual([[key, uploadId]]);
    const partList = await backend.listParts({ bucket: BUCKET, key, uploadId, partNumberMarker: 0, maxParts: 1000 });
    expect(partList.parts.map((p) => [p.partNumber, p.etag, p.size])).toEqual([
      [1, md5Hex(parts[0]), 5 * MiB],
      [2, md5Hex(parts[1]), 10],
    ]);

    const done = await backend.completeMultipartUpload({ bucket: BUCKET, key, uploadId, parts: partList.parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })) });
    expect(done.etag).toBe(expectedEtag(parts));
    const got = await backend.getObject({ bucket: BUCKET, key, conditions: {} });
    expect((await readAll(got.body)).equals(Buffer.concat(parts))).toBe(true);
    expect(got.info.metadata.contentType).toBe('text/plain');
    // The object carries VersityGW's quoted multipart ETag.
    expect(await text(f, path.join(f.root, BUCKET, key), 'user.etag')).toBe(`"${expectedEtag(parts)}"`);
  });

  it('checks Content-MD5: a part that does not match is BadDigest and is not stored', async () => {
    const upload = await createUpload(backend, 'k');
    const data = randomBytes(100);
    const wrong = Buffer.alloc(16, 1);
    expect(await codeOf(backend.uploadPart({ ...upload, partNumber: 1, body: bodyOf(data), contentLength: 100, contentMd5: wrong }))).toBe('BadDigest');
    expect(await codeOf(backend.uploadPart({ ...upload, partNumber: 1, body: bodyOf(data), contentLength: 101 }))).toBe('IncompleteBody');
    expect((await backend.listParts({ ...upload, partNumberMarker: 0, maxParts: 10 })).parts).toEqual([]);
    const right = Buffer.from(md5Hex(data), 'hex');
    expect((await backend.uploadPart({ ...upload, partNumber: 1, body: bodyOf(data), contentLength: 100, contentMd5: right })).etag).toBe(md5Hex(data));
  });

  it('refuses upload ids it could not have made, and keys ending in / (a directory holds no data)', async () => {
    const data = Buffer.from('x');
    for (const uploadId of ['../../etc', 'not-a-uuid', '', `${randomUUID()}/..`]) {
      expect(await codeOf(backend.uploadPart({ bucket: BUCKET, key: 'k', uploadId, partNumber: 1, body: bodyOf(data), contentLength: 1 }))).toBe('NoSuchUpload');
    }
    expect(await codeOf(backend.listParts({ bucket: BUCKET, key: 'k', uploadId: randomUUID(), partNumberMarker: 0, maxParts: 10 }))).toBe('NoSuchUpload');
    expect(await codeOf(backend.createMultipartUpload({ bucket: BUCKET, key: 'dir/', metadata: meta() }))).toBe('DirectoryObjectContainsData');
    expect(await codeOf(backend.createMultipartUpload({ bucket: 'nope', key: 'k', metadata: meta() }))).toBe('NoSuchBucket');
  });

  it('an upload belongs to its key: the same id under another key is NoSuchUpload', async () => {
    const upload = await createUpload(backend, 'right');
    const data = Buffer.from('x');
    expect(await codeOf(backend.uploadPart({ ...upload, key: 'wrong', partNumber: 1, body: bodyOf(data), contentLength: 1 }))).toBe('NoSuchUpload');
  });

  it('abort removes the upload and its key directory; DeleteBucket says BucketNotEmpty while one is in flight', async () => {
    const upload = await createUpload(backend, 'k');
    await uploadParts(backend, upload, partsOf(2));
    expect(await codeOf(backend.deleteBucket({ bucket: BUCKET }))).toBe('BucketNotEmpty');
    await backend.abortMultipartUpload(upload);
    expect(await fsp.readdir(path.join(f.root, BUCKET, '.sgwtmp', 'multipart'))).toEqual([]);
    expect(await codeOf(backend.abortMultipartUpload(upload))).toBe('NoSuchUpload');
    await backend.deleteBucket({ bucket: BUCKET });
  });

  it('keeps other uploads of the same key when one is aborted', async () => {
    const a = await createUpload(backend, 'same');
    const b = await createUpload(backend, 'same');
    await backend.abortMultipartUpload(a);
    const listed = await backend.listMultipartUploads({ bucket: BUCKET, prefix: '', delimiter: '', keyMarker: '', uploadIdMarker: '', maxUploads: 10 });
    expect(listed.uploads.map((u) => u.uploadId)).toEqual([b.uploadId]);
  });

  describe('removing an upload (completed and released, or aborted)', () => {
    const removingDir = (): string => path.join(f.root, BUCKET, '.sgwtmp', 'removing');

    it.each(['release', 'abort'])('after %s the upload is gone at once, its parts deleted in the background; close() waits for them', async (how) => {
      const upload = await createUpload(backend, 'k');
      const listed = await uploadParts(backend, upload, partsOf(3));
      if (how === 'release') {
        await backend.completeMultipartUpload({ ...upload, parts: listed });
        await backend.releaseMultipartUpload(upload);
      } else {
        await backend.abortMultipartUpload(upload);
      }
      // Out of the multipart tree in one rename: nothing lists it, nothing finds a part of it.
      expect(await fsp.readdir(path.join(f.root, BUCKET, '.sgwtmp', 'multipart'))).toEqual([]);
      expect(await codeOf(backend.listParts({ ...upload, partNumberMarker: 0, maxParts: 10 }))).toBe('NoSuchUpload');
      const retired = await fsp.readdir(removingDir());
      expect(retired.every((name) => name.startsWith(`${upload.uploadId}.`))).toBe(true);
      await backend.close();
      expect(await fsp.readdir(removingDir())).toEqual([]);
    });

    it('deletes in place where the upload cannot be moved aside', async () => {
      await fsp.writeFile(removingDir(), 'a file where the directory would be');
      const upload = await createUpload(backend, 'k');
      await uploadParts(backend, upload, partsOf(2));
      await backend.abortMultipartUpload(upload);
      expect(await fsp.readdir(path.join(f.root, BUCKET, '.sgwtmp', 'multipart'))).toEqual([]);
      expect(await codeOf(backend.abortMultipartUpload(upload))).toBe('NoSuchUpload');
    });
  });
});
