import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { WHOLE_READ_BYTES } from '../../../src/backends/posix/get-object';
import { OPEN_PATHS, OWNER, codeOf, disposeFixture, type Fixture, makeFixture, md5Hex, meta, putInput, readAll } from './support';

const B = 'bucket';
const DATA = '0123456789';

describe.each(OPEN_PATHS)('PosixBackend reads: ranges, preconditions, directory objects (%s)', (_name, native) => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture(native());
    await f.backend.createBucket({ bucket: B, owner: OWNER });
    await f.backend.putObject(putInput(B, 'digits', DATA));
  });
  afterEach(async () => disposeFixture(f));

  const get = (key: string, extra: object = {}) => f.backend.getObject({ bucket: B, key, conditions: {}, ...extra });

  it('returns exactly the requested range', async () => {
    const got = await get('digits', { range: { kind: 'fromTo', start: 2, end: 5 } });
    expect(got.range).toEqual({ start: 2, end: 5, total: 10 });
    expect((await readAll(got.body)).toString()).toBe('2345');
    expect(got.info.size).toBe(10);
  });

  it('suffix and clamped ranges', async () => {
    expect((await readAll((await get('digits', { range: { kind: 'suffix', length: 3 } })).body)).toString()).toBe('789');
    const clamped = await get('digits', { range: { kind: 'fromTo', start: 8, end: 999 } });
    expect(clamped.range).toEqual({ start: 8, end: 9, total: 10 });
    expect((await readAll(clamped.body)).toString()).toBe('89');
  });

  it('InvalidRange past the end, on GET and HEAD', async () => {
    expect(await codeOf(get('digits', { range: { kind: 'fromTo', start: 10 } }))).toBe('InvalidRange');
    expect(await codeOf(f.backend.headObject({ bucket: B, key: 'digits', conditions: {}, range: { kind: 'fromTo', start: 10 } }))).toBe('InvalidRange');
  });

  it('HEAD reports the resolved range', async () => {
    const head = await f.backend.headObject({ bucket: B, key: 'digits', conditions: {}, range: { kind: 'suffix', length: 4 } });
    expect(head.range).toEqual({ start: 6, end: 9, total: 10 });
  });

  it('preconditions: 412 and 304 from GET and HEAD, evaluated before the range', async () => {
    const etag = `"${md5Hex(DATA)}"`;
    const ok = await get('digits', { conditions: { ifMatch: etag } });
    expect(ok.info.etag).toBe(md5Hex(DATA));
    expect(await codeOf(get('digits', { conditions: { ifMatch: '"nope"' }, range: { kind: 'fromTo', start: 99 } }))).toBe('PreconditionFailed');
    expect(await codeOf(get('digits', { conditions: { ifNoneMatch: etag } }))).toBe('NotModified');
    expect(await codeOf(f.backend.headObject({ bucket: B, key: 'digits', conditions: { ifModifiedSince: new Date(Date.now() + 3600_000) } }))).toBe('NotModified');
    expect(await codeOf(f.backend.headObject({ bucket: B, key: 'digits', conditions: { ifUnmodifiedSince: new Date('2000-01-01') } }))).toBe('PreconditionFailed');
  });

  it('NoSuchKey and NoSuchBucket', async () => {
    expect(await codeOf(get('absent'))).toBe('NoSuchKey');
    expect(await codeOf(get('digits/under-a-file'))).toBe('NoSuchKey');
    expect(await codeOf(get('digits/'))).toBe('NoSuchKey');
    expect(await codeOf(f.backend.getObject({ bucket: 'nobucket', key: 'k', conditions: {} }))).toBe('NoSuchBucket');
    expect(await codeOf(f.backend.headObject({ bucket: 'nobucket', key: 'k', conditions: {} }))).toBe('NoSuchBucket');
  });

  it('a plain directory is neither `key` nor `key/`', async () => {
    await f.backend.putObject(putInput(B, 'prefix/file', 'x'));
    expect(await codeOf(get('prefix'))).toBe('NoSuchKey');
    expect(await codeOf(get('prefix/'))).toBe('NoSuchKey');
  });

  it('a FIFO in the tree is not an object and does not hang the read', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [path.join(f.root, B, 'pipe')]);
    expect(await codeOf(get('pipe'))).toBe('NoSuchKey');
  });

  it('objects above the whole-read size stream from the descriptor, ranges included; small ones come whole', async () => {
    const big = Buffer.alloc(WHOLE_READ_BYTES + 4097, 0);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    await f.backend.putObject(putInput(B, 'big', big));
    const whole = await get('big');
    expect(Buffer.isBuffer(whole.body)).toBe(false);
    expect((await readAll(whole.body)).equals(big)).toBe(true);
    const tail = await get('big', { range: { kind: 'suffix', length: 5000 } });
    expect((await readAll(tail.body)).equals(big.subarray(big.length - 5000))).toBe(true);
    const atLimit = big.subarray(0, WHOLE_READ_BYTES);
    await f.backend.putObject(putInput(B, 'at-limit', atLimit));
    const small = await get('at-limit', { range: { kind: 'fromTo', start: 100, end: 199 } });
    expect(Buffer.isBuffer(small.body) === _name.startsWith('openat2')).toBe(true);
    expect((await readAll(small.body)).equals(atLimit.subarray(100, 200))).toBe(true);
  });

  it('leaves no descriptor open after GETs, HEADs and refused preconditions', async () => {
    const before = (await fsp.readdir('/proc/self/fd')).length;
    for (let i = 0; i < 50; i++) {
      await readAll((await get('digits')).body);
      await f.backend.headObject({ bucket: B, key: 'digits', conditions: {} });
      await codeOf(get('digits', { conditions: { ifMatch: '"nope"' } }));
      await codeOf(get('absent'));
    }
    expect((await fsp.readdir('/proc/self/fd')).length).toBeLessThanOrEqual(before + 1);
  });

  describe('directory objects (keys ending in /)', () => {
    it('PUT makes a directory carrying the ETag; GET returns an empty body with its metadata', async () => {
      const out = await f.backend.putObject(putInput(B, 'folder/', '', { metadata: meta({ userMetadata: { a: '1' } }) }));
      expect(out.etag).toBe('d41d8cd98f00b204e9800998ecf8427e');
      const dir = path.join(f.root, B, 'folder');
      expect((await fsp.stat(dir)).isDirectory()).toBe(true);
      expect((await f.native.getXattr(dir, 'user.etag'))!.toString()).toBe('"d41d8cd98f00b204e9800998ecf8427e"');

      const got = await get('folder/');
      expect((await readAll(got.body)).length).toBe(0);
      expect(got.info).toMatchObject({ key: 'folder/', size: 0, etag: 'd41d8cd98f00b204e9800998ecf8427e' });
      expect(got.info.metadata).toEqual({ contentType: 'application/x-directory', userMetadata: { a: '1' } });
      expect(await codeOf(get('folder'))).toBe('NoSuchKey');
    });

    it('keeps a client content type; a re-PUT replaces metadata', async () => {
      await f.backend.putObject(putInput(B, 'folder/', '', { metadata: meta({ contentType: 'text/x-dir', userMetadata: { a: '1' } }) }));
      expect((await get('folder/')).info.metadata).toEqual({ contentType: 'text/x-dir', userMetadata: { a: '1' } });
      await f.backend.putObject(putInput(B, 'folder/', '', { metadata: meta({ userMetadata: { b: '2' } }) }));
      expect((await get('folder/')).info.metadata).toEqual({ contentType: 'application/x-directory', userMetadata: { b: '2' } });
    });

    it('an existing prefix directory becomes an object, its contents untouched', async () => {
      await f.backend.putObject(putInput(B, 'p/q/file', 'x'));
      await f.backend.putObject(putInput(B, 'p/', ''));
      expect((await get('p/')).info.size).toBe(0);
      expect((await readAll((await get('p/q/file')).body)).toString()).toBe('x');
    });

    it('refuses data with DirectoryObjectContainsData', async () => {
      expect(await codeOf(f.backend.putObject(putInput(B, 'folder/', 'data')))).toBe('DirectoryObjectContainsData');
      expect(await codeOf(f.backend.putObject({ ...putInput(B, 'folder/', 'data'), contentLength: 0 }))).toBe('DirectoryObjectContainsData');
      await expect(fsp.stat(path.join(f.root, B, 'folder'))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('refuses a directory object where a file is', async () => {
      expect(await codeOf(f.backend.putObject(putInput(B, 'digits/', '')))).toBe('ObjectParentIsFile');
      expect(await codeOf(f.backend.putObject(putInput(B, 'digits/sub/', '')))).toBe('ObjectParentIsFile');
      expect((await readAll((await get('digits')).body)).toString()).toBe(DATA);
    });

    it('ranges on a directory object are unsatisfiable except suffixes', async () => {
      await f.backend.putObject(putInput(B, 'folder/', ''));
      expect(await codeOf(get('folder/', { range: { kind: 'fromTo', start: 0 } }))).toBe('InvalidRange');
      expect((await get('folder/', { range: { kind: 'suffix', length: 1 } })).range).toBeUndefined();
    });
  });
});
