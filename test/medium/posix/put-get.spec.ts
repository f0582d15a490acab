import { randomBytes } from 'node:crypto';
import { open, promises as fsp } from 'node:fs';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { errnoOf } from '../../../src/backends/posix/errno';
import * as path from 'node:path';
import { S3Error } from '../../../src/s3/errors/s3-error';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import {
  OWNER, bodyOf, codeOf, disposeFixture, failingBody, type Fixture, makeFixture, md5Hex, meta, putInput, readAll, tree, withoutNativeWrites,
  withoutOpenat2Writes, withoutOTmpFile,
} from './support';
import type { NativeFs } from '../../../src/backends/posix/native.types';

const B = 'bucket';

// Every way a PUT can be written: the native calls (one thread-pool job for a small body, a few
// for a large one), and node:fs step by step where the addon, the kernel or the file system
// cannot serve them.
describe.each<[string, (native: NativeFs) => NativeFs]>([
  ['native writes, O_TMPFILE', (native) => native],
  ['node:fs, O_TMPFILE', withoutNativeWrites],
  ['node:fs, named temp files', withoutOTmpFile],
  ['native writes on a kernel without openat2', withoutOpenat2Writes],
])('PosixBackend put/get (%s)', (_label, variant) => {
  let f: Fixture;
  let backend: PosixBackend;
  beforeEach(async () => {
    f = await makeFixture();
    backend = new PosixBackend(f.root, variant(f.native));
    await backend.createBucket({ bucket: B, owner: OWNER });
  });
  afterEach(async () => disposeFixture(f));

  const file = (key: string): string => path.join(f.root, B, key);
  const tmpEntries = async (): Promise<string[]> => fsp.readdir(path.join(f.root, B, '.sgwtmp'));

  it('writes into a bucket made by another tool, without .sgwtmp: the directory is made then', async () => {
    await fsp.rm(path.join(f.root, B, '.sgwtmp'), { recursive: true });
    await backend.putObject(putInput(B, 'k', 'data'));
    expect(await fsp.readFile(file('k'), 'utf8')).toBe('data');
    expect(await tmpEntries()).toEqual([]);
  });

  it('round-trips data and metadata; the object is a plain file with the content', async () => {
    const data = randomBytes(300_000);
    const metadata = meta({
      contentType: 'image/png',
      contentEncoding: 'gzip',
      contentLanguage: 'en',
      contentDisposition: 'attachment; filename="a.png"',
      cacheControl: 'max-age=60',
      expires: 'Wed, 21 Oct 2015 07:28:00 GMT',
      userMetadata: { colour: 'blue', 'Mixed-Case': 'v' },
    });
    const out = await backend.putObject(putInput(B, 'dir/sub/pic.png', data, { metadata, contentMd5: Buffer.from(md5Hex(data), 'hex') }));
    expect(out.etag).toBe(md5Hex(data));

    expect((await fsp.readFile(file('dir/sub/pic.png'))).equals(data)).toBe(true);

    const got = await backend.getObject({ bucket: B, key: 'dir/sub/pic.png', conditions: {} });
    expect((await readAll(got.body)).equals(data)).toBe(true);
    expect(got.range).toBeUndefined();
    expect(got.info).toMatchObject({ key: 'dir/sub/pic.png', size: data.length, etag: md5Hex(data) });
    expect(got.info.metadata).toEqual({ ...metadata, userMetadata: { colour: 'blue', 'mixed-case': 'v' } });
    expect(Math.abs(got.info.lastModified.getTime() - Date.now())).toBeLessThan(60_000);

    const head = await backend.headObject({ bucket: B, key: 'dir/sub/pic.png', conditions: {} });
    expect(head.info).toEqual(got.info);
    expect(await tmpEntries()).toEqual([]);
  });

  it("stores metadata under VersityGW's attribute names, the ETag quoted", async () => {
    await backend.putObject(putInput(B, 'k', 'hello', { metadata: meta({ contentType: 'text/plain', userMetadata: { owner: 'me' } }) }));
    const names = (await f.native.listXattr(file('k'))).sort();
    expect(names).toEqual(['user.X-Amz-Meta.owner', 'user.content-type', 'user.etag']);
    expect((await f.native.getXattr(file('k'), 'user.etag'))!.toString()).toBe(`"${md5Hex('hello')}"`);
    expect((await f.native.getXattr(file('k'), 'user.content-type'))!.toString()).toBe('text/plain');
    expect((await f.native.getXattr(file('k'), 'user.X-Amz-Meta.owner'))!.toString()).toBe('me');
  });

  it('reads ETags VersityGW wrote bare as well as quoted', async () => {
    await backend.putObject(putInput(B, 'k', 'hello'));
    await f.native.setXattr(file('k'), 'user.etag', Buffer.from('0123abcd'));
    expect((await backend.headObject({ bucket: B, key: 'k', conditions: {} })).info.etag).toBe('0123abcd');
  });

  it('serves files placed by other tools (no attributes) with an empty ETag', async () => {
    await fsp.writeFile(file('copied-in'), 'abc');
    const got = await backend.getObject({ bucket: B, key: 'copied-in', conditions: {} });
    expect(await readAll(got.body)).toEqual(Buffer.from('abc'));
    expect(got.info).toMatchObject({ size: 3, etag: '', metadata: { userMetadata: {} } });
  });

  it('an overwrite replaces data and metadata entirely', async () => {
    await backend.putObject(putInput(B, 'k', 'first', { metadata: meta({ contentType: 'a/b', userMetadata: { x: '1' } }) }));
    await backend.putObject(putInput(B, 'k', 'second!', { metadata: meta({ userMetadata: { y: '2' } }) }));
    const got = await backend.getObject({ bucket: B, key: 'k', conditions: {} });
    expect((await readAll(got.body)).toString()).toBe('second!');
    expect(got.info.metadata).toEqual({ userMetadata: { y: '2' } });
    expect(await tmpEntries()).toEqual([]);
  });

  it('an empty object', async () => {
    expect((await backend.putObject(putInput(B, 'empty', ''))).etag).toBe('d41d8cd98f00b204e9800998ecf8427e');
    const got = await backend.getObject({ bucket: B, key: 'empty', conditions: {} });
    expect((await readAll(got.body)).length).toBe(0);
    expect(got.info.size).toBe(0);
  });

  describe('failures leave no object, no temp file, and the old object intact', () => {
    beforeEach(async () => backend.putObject(putInput(B, 'k', 'original')));
    const expectUntouched = async (): Promise<void> => {
      expect((await fsp.readFile(file('k'))).toString()).toBe('original');
      expect(await tmpEntries()).toEqual([]);
    };

    it('BadDigest when Content-MD5 differs', async () => {
      const input = putInput(B, 'k', 'new data', { contentMd5: Buffer.from(md5Hex('other'), 'hex') });
      expect(await codeOf(backend.putObject(input))).toBe('BadDigest');
      await expectUntouched();
    });

    it('IncompleteBody when fewer bytes arrive than announced', async () => {
      expect(await codeOf(backend.putObject({ ...putInput(B, 'k', 'short'), contentLength: 100 }))).toBe('IncompleteBody');
      await expectUntouched();
    });

    it('IncompleteBody when more bytes arrive than announced', async () => {
      expect(await codeOf(backend.putObject({ ...putInput(B, 'k', 'much longer body'), contentLength: 4 }))).toBe('IncompleteBody');
      await expectUntouched();
    });

    it('the same S3Error when the body fails signature verification', async () => {
      const sigErr = new S3Error('SignatureDoesNotMatch');
      const input = { ...putInput(B, 'k', ''), body: failingBody(randomBytes(100_000), sigErr), contentLength: 200_000 };
      await expect(backend.putObject(input)).rejects.toBe(sigErr);
      await expectUntouched();
    });

    it('IncompleteBody when the client goes away mid-body', async () => {
      const input = { ...putInput(B, 'k', ''), body: failingBody('partial', new Error('aborted')), contentLength: 100 };
      expect(await codeOf(backend.putObject(input))).toBe('IncompleteBody');
      await expectUntouched();
    });

    it('the failed body stream leaves closing the temporary file to its owner (no double close of a reused fd number)', async () => {
      // The module object the fs streams call into, not an import copy.
      const closeSpy = jest.spyOn(require('node:fs') as typeof import('node:fs'), 'close');
      try {
        const input = { ...putInput(B, 'k', ''), body: failingBody('partial', new Error('aborted')), contentLength: 100 };
        expect(await codeOf(backend.putObject(input))).toBe('IncompleteBody');
        expect(closeSpy).not.toHaveBeenCalled();
      } finally {
        closeSpy.mockRestore();
      }
    });

    it('a new key: nothing appears, not even its parent directories', async () => {
      const input = putInput(B, 'new/dir/k', 'data', { contentMd5: Buffer.alloc(16) });
      expect(await codeOf(backend.putObject(input))).toBe('BadDigest');
      expect(await tree(path.join(f.root, B))).toEqual(['.sgwtmp/', 'k']);
    });
  });

  it('a large body that fails leaves nothing either (the streamed way)', async () => {
    await backend.putObject(putInput(B, 'k', 'original'));
    const input = { ...putInput(B, 'k', ''), body: failingBody(randomBytes(3 << 20), new Error('aborted')), contentLength: 4 << 20 };
    expect(await codeOf(backend.putObject(input))).toBe('IncompleteBody');
    expect((await fsp.readFile(file('k'))).toString()).toBe('original');
    expect(await tmpEntries()).toEqual([]);
  });

  it('NoSuchBucket for a missing bucket whatever the body, small or large: the bucket is checked first', async () => {
    const sigErr = new S3Error('SignatureDoesNotMatch');
    for (const size of [100, 3 << 20]) {
      const input = { ...putInput('missing', 'k', ''), body: failingBody(randomBytes(size / 2), sigErr), contentLength: size };
      expect(await codeOf(backend.putObject(input))).toBe('NoSuchBucket');
    }
  });

  it('a large body to a key that names a directory fails before any byte is taken', async () => {
    await backend.putObject(putInput(B, 'd/inner', 'x'));
    const body = bodyOf(randomBytes(3 << 20));
    expect(await codeOf(backend.putObject({ ...putInput(B, 'd', ''), body, contentLength: 3 << 20 }))).toBe('ExistingObjectIsDirectory');
    expect(body.readableFlowing).not.toBe(true);
    expect(await tmpEntries()).toEqual([]);
  });

  it('If-None-Match: * on a taken key is PreconditionFailed, small body or large, and the object stays', async () => {
    await backend.putObject(putInput(B, 'k', 'original'));
    for (const data of [randomBytes(10), randomBytes(3 << 20)]) {
      const input = { ...putInput(B, 'k', data), writeConditions: { ifNoneMatch: true as const } };
      expect(await codeOf(backend.putObject(input))).toBe('PreconditionFailed');
    }
    expect((await fsp.readFile(file('k'))).toString()).toBe('original');
    const fresh = await backend.putObject({ ...putInput(B, 'fresh/k', randomBytes(3 << 20)), writeConditions: { ifNoneMatch: true } });
    expect(fresh.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(await tmpEntries()).toEqual([]);
  });

  it('a large body in chunks of every size round-trips, its ETag the MD5 of the whole', async () => {
    const data = randomBytes((2 << 20) + 4095);
    const sizes = [1, 4096, 65536, 1 << 20, 3, 333_333];
    const chunks: Buffer[] = [];
    for (let at = 0, i = 0; at < data.length; i++) {
      const n = Math.min(sizes[i % sizes.length], data.length - at);
      chunks.push(data.subarray(at, at + n));
      at += n;
    }
    const out = await backend.putObject({ ...putInput(B, 'odd/sizes', ''), body: Readable.from(chunks), contentLength: data.length });
    expect(out.etag).toBe(md5Hex(data));
    expect((await fsp.readFile(file('odd/sizes'))).equals(data)).toBe(true);
    expect(await tmpEntries()).toEqual([]);
  });

  it('NoSuchBucket for a missing bucket, and the bucket is not created', async () => {
    expect(await codeOf(backend.putObject(putInput('missing', 'a/b', 'x')))).toBe('NoSuchBucket');
    await expect(fsp.stat(path.join(f.root, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a key under an existing file fails cleanly with ObjectParentIsFile', async () => {
    await backend.putObject(putInput(B, 'a', 'file'));
    await expect(backend.putObject(putInput(B, 'a/b', 'x'))).rejects.toMatchObject({ code: 'ObjectParentIsFile', message: expect.stringMatching(/parent.*file/) });
    await expect(backend.putObject(putInput(B, 'a/b/c', 'x'))).rejects.toMatchObject({ code: 'ObjectParentIsFile' });
    expect((await fsp.readFile(file('a'))).toString()).toBe('file');
    expect(await tmpEntries()).toEqual([]);
    expect(await codeOf(backend.getObject({ bucket: B, key: 'a/b', conditions: {} }))).toBe('NoSuchKey');
  });

  it('a key naming an existing directory fails cleanly (ExistingObjectIsDirectory)', async () => {
    await backend.putObject(putInput(B, 'd/inner', 'x'));
    await expect(backend.putObject(putInput(B, 'd', 'x'))).rejects.toMatchObject({ code: 'ExistingObjectIsDirectory', message: expect.stringMatching(/directory/) });
    expect(await tmpEntries()).toEqual([]);
  });

  it('a body stream is consumed with backpressure (large object, small chunks)', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 17);
    const out = await backend.putObject({ ...putInput(B, 'big', ''), body: bodyOf(data, 16 * 1024), contentLength: data.length });
    expect(out.etag).toBe(md5Hex(data));
    expect((await readAll((await backend.getObject({ bucket: B, key: 'big', conditions: {} })).body)).equals(data)).toBe(true);
  });
});

describe('PosixBackend gateway-side failures', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await f.backend.createBucket({ bucket: B, owner: OWNER });
  });
  afterEach(async () => disposeFixture(f));

  const file = (key: string): string => path.join(f.root, B, key);

  it('MetadataTooLarge when the file system has no room for the attributes; nothing is left behind', async () => {
    const userMetadata = { big: 'v'.repeat(64 * 1024) };
    expect(await codeOf(f.backend.putObject(putInput(B, 'k', 'data', { metadata: meta({ userMetadata }) })))).toBe('MetadataTooLarge');
    expect(await tree(path.join(f.root, B))).toEqual(['.sgwtmp/']);
  });

  it('a write error is the gateway\'s (InternalError), not the client\'s, and the old object survives', async () => {
    await f.backend.putObject(putInput(B, 'k', 'original'));
    const readOnly = path.join(f.base, 'read-only');
    await fsp.writeFile(readOnly, '');
    const broken = new PosixBackend(f.root, { ...withoutOTmpFile(f.native), openTmpFile: async () => promisify(open)(readOnly, 'r') });
    const err = await broken.putObject(putInput(B, 'k', randomBytes(1000))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3Error);
    expect((err as S3Error).code).toBe('InternalError');
    expect(errnoOf((err as S3Error).cause)).toBe('EBADF');
    expect((await fsp.readFile(file('k'))).toString()).toBe('original');
  });
});
