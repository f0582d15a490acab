import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

import type { ListObjectsInput, ListObjectsOutput } from '../../../src/backends/backend.types';
import { listObjectsPosix } from '../../../src/backends/posix/listing/list-objects-posix';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import type { NativeFs } from '../../../src/backends/posix/native.types';
import { XATTR } from '../../../src/backends/posix/posix-layout';
import { S3Error } from '../../../src/s3/errors/s3-error';
import { referenceList } from '../../unit/listing/s3-list-reference';
import { BucketFixture } from './bucket-fixture';
import { beforeEntryReads, ENTRY_READERS } from './native-variants';

describe.each(ENTRY_READERS)('listObjectsPosix on real directories, %s', (_reader, variant) => {
  let native: NativeFs;
  let fx: BucketFixture;

  beforeAll(() => {
    native = variant(loadNativeFs());
  });
  beforeEach(async () => {
    fx = await BucketFixture.create(native);
  });
  afterEach(async () => {
    await fx.dispose();
  });

  function list(params: Partial<ListObjectsInput> = {}, dir = fx.dir, nativeFs = native): Promise<ListObjectsOutput> {
    return listObjectsPosix(dir, nativeFs, { bucket: 'bucket', prefix: '', delimiter: '', marker: '', maxKeys: 1000, ...params });
  }
  const keysOf = (out: ListObjectsOutput): string[] => out.objects.map((o) => o.key);

  describe('objects', () => {
    it('lists files with size, bare etag and mtime; a file without the etag xattr has an empty etag, as in VersityGW', async () => {
      await fx.file('a/b.txt', 'hello', '5d41402abc4b2a76b9719d911017c592');
      await fx.file('raw', 'copied in', null);
      const out = await list();
      const stats = await fsp.stat(fx.pathOf('a/b.txt'));
      expect(out.objects).toEqual([
        { key: 'a/b.txt', size: 5, etag: '5d41402abc4b2a76b9719d911017c592', lastModified: stats.mtime },
        { key: 'raw', size: 9, etag: '', lastModified: expect.anything() },
      ]);
      expect(out.isTruncated).toBe(false);
      expect(out.nextMarker).toBeUndefined();
    });

    it('rounds the mtime to the millisecond as fs.Stats does (x.9996 s is x+1 s), for files and directory objects', async () => {
      await fx.file('f');
      await fx.dirObject('d/');
      const when = new Date('2024-01-01T00:00:00.000Z').getTime() / 1000 + 0.9996;
      await fsp.utimes(fx.pathOf('f'), when, when);
      await fsp.utimes(fx.pathOf('d'), when, when);
      const out = await list();
      expect(out.objects.map((o) => [o.key, o.lastModified.toISOString()])).toEqual([
        ['d/', '2024-01-01T00:00:01.000Z'],
        ['f', '2024-01-01T00:00:01.000Z'],
      ]);
    });

    it('lists a directory carrying the etag as the object "dir/" (size 0) before its contents; others are structure', async () => {
      await fx.dirObject('photos/', 'd41d8cd98f00b204e9800998ecf8427e');
      await fx.file('photos/1.jpg');
      await fx.emptyDir('plain/sub');
      await fx.file('plain/sub/x');
      const out = await list();
      expect(keysOf(out)).toEqual(['photos/', 'photos/1.jpg', 'plain/sub/x']);
      expect(out.objects[0]).toMatchObject({ size: 0, etag: 'd41d8cd98f00b204e9800998ecf8427e' });
    });

    it('lists the directory object a prefix names exactly (prefix "a/b/" lists "a/b/")', async () => {
      await fx.dirObject('a/b/');
      await fx.file('a/b/c');
      await fx.file('a/bc');
      expect(keysOf(await list({ prefix: 'a/b/' }))).toEqual(['a/b/', 'a/b/c']);
      expect(await list({ prefix: 'a/b/', delimiter: '/' })).toMatchObject({ commonPrefixes: [] });
      expect(keysOf(await list({ prefix: 'a/b/', delimiter: '/' }))).toEqual(['a/b/', 'a/b/c']);
      expect(keysOf(await list({ prefix: 'a/b/', marker: 'a/b/' }))).toEqual(['a/b/c']);
    });

    it('orders keys by UTF-8 bytes across tricky names', async () => {
      const names = ['a', 'a-c', 'a.d', 'a0', 'A', 'a b', 'a+b', 'é', '\uFFFD', '😀', '中', 'ab', '_', '~'];
      for (const name of names) await fx.file(`${name}/k`);
      for (const name of names) await fx.file(`x/${name}`);
      const out = await list();
      expect(keysOf(out)).toEqual(referenceList(fx.keys(), { prefix: '', delimiter: '', marker: '', maxKeys: 1000 }).objects);
      expect(keysOf(out).indexOf('\uFFFD/k')).toBeLessThan(keysOf(out).indexOf('😀/k'));
      expect(keysOf(out).indexOf('a-c/k')).toBeLessThan(keysOf(out).indexOf('a/k'));
    });
  });

  describe('what is not an object', () => {
    it('hides the bucket\'s top-level .sgwtmp, but not a .sgwtmp deeper down', async () => {
      await fx.hiddenFile('.sgwtmp/multipart/0123/upload/1');
      await fx.hiddenFile('.sgwtmp/tmpfile');
      await fx.file('a/.sgwtmp/kept');
      await fx.file('b');
      expect(keysOf(await list())).toEqual(['a/.sgwtmp/kept', 'b']);
      expect(await list({ delimiter: '/' })).toMatchObject({ objects: [expect.objectContaining({ key: 'b' })], commonPrefixes: ['a/'] });
      expect(await list({ prefix: '.sgwtmp/' })).toMatchObject({ objects: [], commonPrefixes: [] });
      expect(await list({ prefix: '.sgw' })).toMatchObject({ objects: [], commonPrefixes: [] });
    });

    it('gives an empty directory left behind no CommonPrefix, however deep, but does for a deep directory object', async () => {
      await fx.emptyDir('empty');
      await fx.emptyDir('nested-empty/x/y/z');
      await fx.dirObject('deep-dirobj/x/y/');
      await fx.file('real/file');
      expect(await list({ delimiter: '/' })).toMatchObject({ objects: [], commonPrefixes: ['deep-dirobj/', 'real/'] });
      expect(keysOf(await list())).toEqual(['deep-dirobj/x/y/', 'real/file']);
      expect(await list({ prefix: 'nested-empty/', delimiter: '/' })).toMatchObject({ objects: [], commonPrefixes: [] });
    });

    it('never follows a symlink out of the bucket, never descends one, lists one to a file inside as that file', async () => {
      const outside = path.join(fx.root, 'outside');
      await fsp.mkdir(outside);
      await fsp.writeFile(path.join(outside, 'secret'), 'secret');
      await fx.file('target/data', '12345', 'target-etag');
      await fx.hiddenFile('.sgwtmp/part');
      await fx.symlink('link-in', 'target/data');
      await fx.symlink('link-out', path.join(outside, 'secret'));
      await fx.symlink('link-dir-out', outside);
      await fx.symlink('link-dir-in', 'target');
      await fx.symlink('link-dangling', 'nowhere');
      await fx.symlink('link-tmp', '.sgwtmp/part');
      await fx.symlink('loop', 'loop');
      const out = await list();
      expect(keysOf(out)).toEqual(['link-in', 'target/data']);
      expect(out.objects[0]).toMatchObject({ size: 5, etag: 'target-etag' });
      expect(await list({ delimiter: '/' })).toMatchObject({ commonPrefixes: ['target/'] });
      expect(await list({ prefix: 'link-dir-out/' })).toMatchObject({ objects: [], commonPrefixes: [] });
      expect(await list({ prefix: 'link-dir-in/', delimiter: '/' })).toMatchObject({ objects: [], commonPrefixes: [] });
    });

    it('cannot be led out of the bucket by a prefix with "..", "." or empty components', async () => {
      await fsp.mkdir(path.join(fx.root, 'other'));
      await fsp.writeFile(path.join(fx.root, 'other', 'x'), 'x');
      await fx.file('a/b');
      for (const prefix of ['../', '../other/', './a/', 'a/../a/', 'a//', '/a/', 'a/./']) {
        expect(await list({ prefix })).toMatchObject({ objects: [], commonPrefixes: [], isTruncated: false });
      }
    });

    it('skips sockets, FIFOs and the like', async () => {
      await fx.file('a');
      const { execFileSync } = await import('node:child_process');
      execFileSync('mkfifo', [fx.pathOf('fifo')]);
      expect(keysOf(await list())).toEqual(['a']);
    });
  });

  describe('S3 semantics', () => {
    beforeEach(async () => {
      for (const key of ['a/b/1', 'a/b/2', 'a/bc', 'a/c/1', 'a-c', 'a0', 'b']) await fx.file(key);
    });

    it('matches a prefix that does not end at a directory boundary', async () => {
      expect(await list({ prefix: 'a/b', delimiter: '/' })).toMatchObject({ commonPrefixes: ['a/b/'], objects: [expect.objectContaining({ key: 'a/bc' })] });
      expect(keysOf(await list({ prefix: 'a/b' }))).toEqual(['a/b/1', 'a/b/2', 'a/bc']);
      expect(keysOf(await list({ prefix: 'a/b/1' }))).toEqual(['a/b/1']);
      expect(keysOf(await list({ prefix: 'a/b/1/' }))).toEqual([]);
      expect(keysOf(await list({ prefix: 'nothing/here/' }))).toEqual([]);
    });

    it('counts keys and CommonPrefixes together, with nextMarker the last of either', async () => {
      expect(await list({ delimiter: '/', maxKeys: 2 })).toMatchObject({
        objects: [expect.objectContaining({ key: 'a-c' })],
        commonPrefixes: ['a/'],
        isTruncated: true,
        nextMarker: 'a/',
      });
      expect(await list({ delimiter: '/', marker: 'a/', maxKeys: 2 })).toMatchObject({
        objects: [expect.objectContaining({ key: 'a0' }), expect.objectContaining({ key: 'b' })],
        commonPrefixes: [],
        isTruncated: false,
      });
    });

    it('skips a whole CommonPrefix the marker points inside', async () => {
      const out = await list({ prefix: 'a/', delimiter: '/', marker: 'a/b/1' });
      expect(out).toMatchObject({ commonPrefixes: ['a/c/'], isTruncated: false });
      expect(keysOf(out)).toEqual(['a/bc']);
    });

    it('returns nothing, not truncated, for maxKeys 0', async () => {
      expect(await list({ maxKeys: 0 })).toEqual({ objects: [], commonPrefixes: [], isTruncated: false });
    });

    it('groups by a delimiter other than "/"', async () => {
      expect(await list({ delimiter: '-' })).toMatchObject({ commonPrefixes: ['a-'] });
      expect(keysOf(await list({ delimiter: '-' }))).toEqual(['a/b/1', 'a/b/2', 'a/bc', 'a/c/1', 'a0', 'b']);
      expect(await list({ delimiter: 'b' })).toMatchObject({ commonPrefixes: ['a/b', 'b'] });
    });
  });

  describe('errors and races', () => {
    it('answers NoSuchBucket for a missing bucket or a file in its place', async () => {
      await expect(list({}, path.join(fx.root, 'missing'))).rejects.toMatchObject({ code: 'NoSuchBucket' });
      await fsp.writeFile(path.join(fx.root, 'file'), '');
      const err: unknown = await list({}, path.join(fx.root, 'file')).catch((e: unknown) => e);
      expect(S3Error.is(err, 'NoSuchBucket')).toBe(true);
    });

    it('skips files deleted between the walk and their stat, and keeps the page full', async () => {
      for (let i = 0; i < 10; i++) await fx.file(`f${i}`);
      const doomed = new Set([fx.pathOf('f1'), fx.pathOf('f4'), fx.pathOf('f5')]);
      const racing = beforeEntryReads(native, async (p) => {
        if (doomed.has(p)) await fsp.rm(p, { force: true });
      });
      const out = await list({ maxKeys: 5 }, fx.dir, racing);
      expect(keysOf(out)).toEqual(['f0', 'f2', 'f3', 'f6', 'f7']);
      expect(out).toMatchObject({ isTruncated: true, nextMarker: 'f7' });
    });

    it('skips a directory deleted while it is being looked at', async () => {
      await fx.dirObject('gone/');
      await fx.file('gone/x');
      await fx.file('stays/y');
      await fx.file('z');
      const racing = beforeEntryReads(native, async (p) => {
        if (p === fx.pathOf('gone')) await fsp.rm(p, { recursive: true, force: true });
      });
      expect(keysOf(await list({}, fx.dir, racing))).toEqual(['stays/y', 'z']);
    });

    it('reads a quoted or bare etag the same way', async () => {
      await fx.file('q', 'x', 'abc');
      await fx.file('bare', 'x', null);
      await native.setXattr(fx.pathOf('bare'), XATTR.etag, Buffer.from('def'));
      expect((await list()).objects.map((o) => o.etag)).toEqual(['def', 'abc']);
    });
  });

  describe('deep trees', () => {
    it('lists a 60-level tree with keys at every level, with and without delimiter', async () => {
      let dir = '';
      for (let depth = 0; depth < 60; depth++) {
        await fx.file(`${dir}f${depth}`);
        if (depth % 7 === 0) await fx.dirObject(`${dir}d/`);
        dir += 'd/';
      }
      const all = await list();
      expect(keysOf(all)).toEqual(referenceList(fx.keys(), { prefix: '', delimiter: '', marker: '', maxKeys: 1000 }).objects);
      expect(keysOf(all)).toHaveLength(fx.objects.size);
      const deepPrefix = 'd/'.repeat(40);
      expect(await list({ prefix: deepPrefix, delimiter: '/' })).toMatchObject({
        objects: [expect.objectContaining({ key: `${deepPrefix}f40` })],
        commonPrefixes: [`${deepPrefix}d/`],
      });
      const page = await list({ marker: `${'d/'.repeat(30)}f30`, maxKeys: 3 });
      expect(keysOf(page)).toEqual(referenceList(fx.keys(), { prefix: '', delimiter: '', marker: `${'d/'.repeat(30)}f30`, maxKeys: 3 }).objects);
    });
  });
});
