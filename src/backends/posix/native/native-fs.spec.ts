import { randomBytes } from 'node:crypto';
import { close, promises as fsp, write } from 'node:fs';
import { join } from 'node:path';
import { promisify, types } from 'node:util';
import type { NativeFs } from '../native.types';
import { useNativeFixture, withFds } from './native-fixture.test';
import { isNativeFsAvailable, loadNativeFs, nativeAddonPath } from './native-fs';

// Runs against the real addon on a real file system. A missing build fails here on purpose (not
// skipped): CI must notice it. The kernel copies and direct I/O are in native-copy.spec.ts.
describe('NativeFs (the N-API addon): attributes, O_TMPFILE, the thread pool', () => {
  const fixture = useNativeFixture();
  let native: NativeFs;
  let dir: string;
  beforeEach(() => {
    native = fixture.native();
    dir = fixture.dir();
  });
  const file = fixture.file;

  describe('loading', () => {
    it('is available once built', () => {
      expect(isNativeFsAvailable()).toBe(true);
      expect(nativeAddonPath()).toMatch(/native[/\\]build[/\\]Release[/\\]tracegw_native\.node$/);
    });

    it('names the missing build and the command that fixes it', () => {
      expect(() => loadNativeFs(join(dir, 'build', 'Release', 'tracegw_native.node'))).toThrow(
        /native addon is not built .*npm rebuild tracegw-native/,
      );
    });
  });

  describe('extended attributes by path', () => {
    it('sets, gets, lists and removes', async () => {
      const path = await file('obj');
      await native.setXattr(path, 'user.etag', Buffer.from('"abc"'));
      await native.setXattr(path, 'user.X-Amz-Meta.color', Buffer.from('blue'));

      expect((await native.getXattr(path, 'user.etag'))?.toString()).toBe('"abc"');
      expect((await native.listXattr(path)).sort()).toEqual(['user.X-Amz-Meta.color', 'user.etag']);

      await native.removeXattr(path, 'user.etag');
      expect(await native.getXattr(path, 'user.etag')).toBeUndefined();
      expect(await native.listXattr(path)).toEqual(['user.X-Amz-Meta.color']);
    });

    it('keeps binary values, empty values and large values intact', async () => {
      const path = await file('obj');
      const binary = Buffer.from([0, 1, 2, 255, 0, 128]);
      const large = randomBytes(3000); // past any small first guess of the size
      await native.setXattr(path, 'user.bin', binary);
      await native.setXattr(path, 'user.empty', Buffer.alloc(0));
      await native.setXattr(path, 'user.large', large);

      expect(await native.getXattr(path, 'user.bin')).toEqual(binary);
      expect(await native.getXattr(path, 'user.empty')).toEqual(Buffer.alloc(0));
      expect(await native.getXattr(path, 'user.large')).toEqual(large);
    });

    it('answers undefined for a missing attribute and an empty list for a bare file', async () => {
      const path = await file('obj');
      expect(await native.getXattr(path, 'user.none')).toBeUndefined();
      expect(await native.listXattr(path)).toEqual([]);
      await expect(native.removeXattr(path, 'user.none')).resolves.toBeUndefined();
    });

    it('rejects a missing path with a Node-style ENOENT error', async () => {
      const missing = join(dir, 'missing');
      const err = await native.getXattr(missing, 'user.etag').catch((e: unknown) => e);
      // The addon's errors come from Node's realm, not jest's sandbox: instanceof Error would be false here.
      expect(types.isNativeError(err)).toBe(true);
      expect(err).toMatchObject({ code: 'ENOENT', errno: -2, syscall: 'getxattr', path: missing });
      expect((err as Error).message).toBe(`ENOENT: no such file or directory, getxattr '${missing}'`);
      await expect(native.setXattr(missing, 'user.a', Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(native.listXattr(missing)).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(native.removeXattr(missing, 'user.a')).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('refuses a path with a NUL byte instead of cutting it short', async () => {
      const path = await file('obj');
      await expect(native.setXattr(`${path}\0.evil`, 'user.a', Buffer.from('x'))).rejects.toMatchObject({
        code: 'ERR_INVALID_ARG_VALUE',
      });
      expect(await native.getXattr(path, 'user.a')).toBeUndefined();
    });

    it('rejects (does not throw) on arguments of the wrong type', async () => {
      const loose = native as unknown as { getXattr(...args: unknown[]): Promise<unknown> };
      await expect(loose.getXattr(42, 'user.a')).rejects.toMatchObject({ name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
      await expect(native.copyFileRange(-1, 0, 1, 0, 1)).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    });
  });

  describe('readUserXattrs', () => {
    it('reads every user. attribute of an open file in one call, empty and large values included', async () => {
      const path = await file('obj');
      await native.setXattr(path, 'user.etag', Buffer.from('"abc"'));
      await native.setXattr(path, 'user.empty', Buffer.alloc(0));
      const large = randomBytes(3000);
      await native.setXattr(path, 'user.X-Amz-Meta.big', large);
      const handle = await fsp.open(path, 'r');
      try {
        const attrs = await native.readUserXattrs(handle.fd);
        expect(Object.keys(attrs).sort()).toEqual(['user.X-Amz-Meta.big', 'user.empty', 'user.etag']);
        expect(attrs['user.etag'].toString()).toBe('"abc"');
        expect(attrs['user.empty'].length).toBe(0);
        expect(attrs['user.X-Amz-Meta.big'].equals(large)).toBe(true);
      } finally {
        await handle.close();
      }
    });

    it('answers an empty map for a bare file, and rejects with the errno on a descriptor not open', async () => {
      const handle = await fsp.open(await file('bare'), 'r');
      try {
        expect(await native.readUserXattrs(handle.fd)).toEqual({});
      } finally {
        await handle.close();
      }
      await expect(native.readUserXattrs(999_999)).rejects.toMatchObject({ code: 'EBADF', syscall: 'flistxattr' });
    });
  });

  describe('O_TMPFILE', () => {
    it('writes an unnamed file, sets its attribute by fd, then links it into place', async () => {
      const fd = await native.openTmpFile(dir);
      if (fd === undefined) throw new Error(`${dir} has no O_TMPFILE: run these tests on ext4, xfs, btrfs or tmpfs`);
      try {
        expect(await fsp.readdir(dir)).toEqual([]); // unnamed until linked
        await promisify(write)(fd, Buffer.from('object body'));
        await native.fsetXattr(fd, 'user.etag', Buffer.from('"e1"'));
        expect((await native.fgetXattr(fd, 'user.etag'))?.toString()).toBe('"e1"');
        expect(await native.fgetXattr(fd, 'user.none')).toBeUndefined();

        const target = join(dir, 'object');
        await native.linkTmpFile(fd, target);
        expect(await fsp.readFile(target, 'utf8')).toBe('object body');
        expect((await native.getXattr(target, 'user.etag'))?.toString()).toBe('"e1"');
        expect((await fsp.stat(target)).mode & 0o777).toBe(0o644 & ~process.umask());
      } finally {
        await promisify(close)(fd);
      }
    });

    it('will not replace an existing name: EEXIST', async () => {
      const target = await file('taken', 'old');
      const fd = await native.openTmpFile(dir);
      if (fd === undefined) throw new Error('no O_TMPFILE here');
      try {
        await expect(native.linkTmpFile(fd, target)).rejects.toMatchObject({
          code: 'EEXIST',
          errno: -17,
          syscall: 'linkat',
          dest: target,
        });
        expect(await fsp.readFile(target, 'utf8')).toBe('old');
      } finally {
        await promisify(close)(fd);
      }
    });

    it('rejects a directory that does not exist, and a file given as the directory', async () => {
      await expect(native.openTmpFile(join(dir, 'nope'))).rejects.toMatchObject({ code: 'ENOENT', syscall: 'open' });
      await expect(native.openTmpFile(await file('plain'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    });
  });

  describe('never blocking the event loop', () => {
    it('keeps the loop turning while a large copy runs on the thread pool', async () => {
      const size = 64 << 20;
      const inPath = await file('big', randomBytes(size));
      const outPath = await file('copy');
      await withFds(inPath, outPath, async (fdIn, fdOut) => {
        let settled = false;
        const copy = native.copyFileRange(fdIn, 0, fdOut, 0, size).finally(() => (settled = true));
        let turns = 0;
        while (!settled) {
          await new Promise((resolve) => setImmediate(resolve));
          turns++;
        }
        expect(await copy).toBe(size);
        // A call that blocked the loop would settle before the first turn; here thousands pass.
        expect(turns).toBeGreaterThan(10);
      });
    });

    it('resolves many concurrent calls, each with its own answer', async () => {
      const paths = await Promise.all(Array.from({ length: 50 }, (_, i) => file(`f${i}`)));
      await Promise.all(paths.map((p, i) => native.setXattr(p, 'user.n', Buffer.from(String(i)))));
      const reads = await Promise.all(
        Array.from({ length: 500 }, (_, j) => native.getXattr(paths[j % paths.length], 'user.n')),
      );
      reads.forEach((value, j) => expect(value?.toString()).toBe(String(j % paths.length)));
    });
  });
});
