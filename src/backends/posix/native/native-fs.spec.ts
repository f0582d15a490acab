import { randomBytes } from 'node:crypto';
import { close, promises as fsp, write } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, types } from 'node:util';
import type { NativeFs } from '../native.types';
import { isNativeFsAvailable, loadNativeFs, nativeAddonPath } from './native-fs';

// Runs against the real addon on a real file system: these calls are thin, so mocks would test nothing.
// A missing build fails here on purpose (not skipped): CI must notice it.
describe('NativeFs (the N-API addon)', () => {
  let native: NativeFs;
  let dir: string;

  beforeAll(() => {
    native = loadNativeFs();
  });
  beforeEach(async () => {
    dir = await fsp.mkdtemp(join(tmpdir(), 'tracegw-native-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, data: Buffer | string = ''): Promise<string> {
    const path = join(dir, name);
    await fsp.writeFile(path, data);
    return path;
  }

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

  describe('copyFileRange', () => {
    it('copies a range at the given offsets, leaving the rest of the target alone', async () => {
      const source = randomBytes(1 << 20);
      const inPath = await file('in', source);
      const outPath = await file('out', Buffer.alloc(4096, 0x61));
      await withFds(inPath, outPath, async (fdIn, fdOut) => {
        expect(await native.copyFileRange(fdIn, 1000, fdOut, 100, 500_000)).toBe(500_000);
        expect(await native.copyFileRange(fdIn, 0, fdOut, 500_100, 10)).toBe(10);
      });
      const out = await fsp.readFile(outPath);
      expect(out.length).toBe(500_110);
      // Buffer.equals: jest's toEqual walks half a megabyte byte by byte, for seconds.
      expect(out.subarray(0, 100).equals(Buffer.alloc(100, 0x61))).toBe(true);
      expect(out.subarray(100, 500_100).equals(source.subarray(1000, 501_000))).toBe(true);
      expect(out.subarray(500_100).equals(source.subarray(0, 10))).toBe(true);
    });

    it('returns fewer bytes when the input ends, and 0 past its end', async () => {
      const inPath = await file('in', 'hello world');
      const outPath = await file('out');
      await withFds(inPath, outPath, async (fdIn, fdOut) => {
        expect(await native.copyFileRange(fdIn, 6, fdOut, 0, 1000)).toBe(5);
        expect(await native.copyFileRange(fdIn, 50, fdOut, 5, 10)).toBe(0);
      });
      expect(await fsp.readFile(outPath, 'utf8')).toBe('world');
    });

    it('rejects with the errno so the caller can fall back (EBADF on a descriptor not open)', async () => {
      // Far above any descriptor this process has: a just-closed one could be reused by another file.
      const notOpen = 999_999;
      await expect(native.copyFileRange(notOpen, 0, notOpen, 0, 1)).rejects.toMatchObject({
        code: 'EBADF',
        errno: -9,
        syscall: 'copy_file_range',
      });
    });
  });

  describe('startWriteback', () => {
    it('queues a written range for writeback and leaves the data as it is', async () => {
      const data = randomBytes(1 << 20);
      const path = await file('written', data);
      const handle = await fsp.open(path, 'r+');
      try {
        await expect(native.startWriteback(handle.fd, 0, data.length)).resolves.toBeUndefined();
        await expect(native.startWriteback(handle.fd, 4096, 8192)).resolves.toBeUndefined();
      } finally {
        await handle.close();
      }
      expect((await fsp.readFile(path)).equals(data)).toBe(true);
    });

    it('rejects with the errno on a descriptor that is not open', async () => {
      await expect(native.startWriteback(999_999, 0, 1)).rejects.toMatchObject({ code: 'EBADF', syscall: 'sync_file_range' });
    });
  });

  describe('openDirect', () => {
    it('opens a second, O_DIRECT descriptor of the same file, unnamed ones included', async () => {
      const fd = await native.openTmpFile(dir);
      if (fd === undefined) throw new Error('no O_TMPFILE here');
      try {
        const direct = await native.openDirect(fd);
        if (direct === undefined) throw new Error(`${dir} takes no O_DIRECT: run these tests on ext4, xfs or btrfs`);
        try {
          expect(direct).not.toBe(fd);
          // Linux reports O_DIRECT (040000 on x86 and arm64) in the descriptor's flags.
          const flags = (await fsp.readFile(`/proc/self/fdinfo/${direct}`, 'utf8')).match(/^flags:\s+(\d+)/m)?.[1] ?? '0';
          expect(Number.parseInt(flags, 8) & 0o40000).toBe(0o40000);
          expect(Number.parseInt(flags, 8) & 0o3).toBe(1); // O_WRONLY
        } finally {
          await promisify(close)(direct);
        }
      } finally {
        await promisify(close)(fd);
      }
    });

    it('rejects with the errno on a descriptor that is not open', async () => {
      await expect(native.openDirect(999_999)).rejects.toMatchObject({ code: 'ENOENT', syscall: 'open' });
    });
  });

  describe('preallocate', () => {
    it('reserves the blocks and sets the size, reading as zeros', async () => {
      const path = await file('reserved');
      const handle = await fsp.open(path, 'r+');
      try {
        await expect(native.preallocate(handle.fd, 3 * 4096 + 5)).resolves.toBe(true);
      } finally {
        await handle.close();
      }
      const stat = await fsp.stat(path);
      expect(stat.size).toBe(3 * 4096 + 5);
      expect(stat.blocks * 512).toBeGreaterThanOrEqual(3 * 4096 + 5);
      expect((await fsp.readFile(path)).equals(Buffer.alloc(3 * 4096 + 5))).toBe(true);
    });

    it('rejects with the errno on a descriptor that is not open, and on a zero length', async () => {
      await expect(native.preallocate(999_999, 1)).rejects.toMatchObject({ code: 'EBADF', syscall: 'fallocate' });
      const handle = await fsp.open(await file('empty'), 'r+');
      try {
        await expect(native.preallocate(handle.fd, 0)).rejects.toMatchObject({ code: 'EINVAL', syscall: 'fallocate' });
      } finally {
        await handle.close();
      }
    });
  });

  describe('cloneRange', () => {
    it('answers false where the file system shares no extents, leaving the target alone', async () => {
      // The test machines' file system is ext4, which has no reflinks.
      const inPath = await file('in', randomBytes(8192));
      const outPath = await file('out', Buffer.alloc(8192, 0x61));
      await withFds(inPath, outPath, async (fdIn, fdOut) => {
        await expect(native.cloneRange(fdIn, 0, fdOut, 0, 8192)).resolves.toBe(false);
      });
      expect((await fsp.readFile(outPath)).equals(Buffer.alloc(8192, 0x61))).toBe(true);
    });

    it('rejects with the errno on a descriptor that is not open', async () => {
      const inPath = await file('in', 'x');
      const input = await fsp.open(inPath, 'r');
      try {
        await expect(native.cloneRange(input.fd, 0, 999_999, 0, 1)).rejects.toMatchObject({ code: 'EBADF', syscall: 'ioctl_ficlonerange' });
      } finally {
        await input.close();
      }
    });
  });

  describe('spliceCopy', () => {
    it('copies a block-aligned range into an O_DIRECT descriptor at the given offsets', async () => {
      const source = randomBytes(3 << 20);
      const inPath = await file('in', source);
      const outPath = await file('out', Buffer.alloc(8192, 0x61));
      await withFds(inPath, outPath, async (fdIn, fdOut) => {
        const direct = await native.openDirect(fdOut);
        if (direct === undefined) throw new Error('no O_DIRECT here');
        try {
          // More than the 1 MiB pipe holds, so the copy takes several turns.
          expect(await native.spliceCopy(fdIn, 4096, direct, 8192, (2 << 20) + 4096)).toBe((2 << 20) + 4096);
        } finally {
          await promisify(close)(direct);
        }
      });
      const out = await fsp.readFile(outPath);
      expect(out.length).toBe(8192 + (2 << 20) + 4096);
      expect(out.subarray(0, 8192).equals(Buffer.alloc(8192, 0x61))).toBe(true);
      expect(out.subarray(8192).equals(source.subarray(4096, 4096 + (2 << 20) + 4096))).toBe(true);
    });

    it('copies any range into a plain descriptor, and returns fewer bytes when the input ends', async () => {
      const inPath = await file('in', 'hello world');
      const outPath = await file('out');
      await withFds(inPath, outPath, async (fdIn, fdOut) => {
        expect(await native.spliceCopy(fdIn, 6, fdOut, 0, 1000)).toBe(5);
        expect(await native.spliceCopy(fdIn, 50, fdOut, 5, 10)).toBe(0);
      });
      expect(await fsp.readFile(outPath, 'utf8')).toBe('world');
    });

    it('rejects with EINVAL when an O_DIRECT write is off the block grid, so the caller can use the page cache', async () => {
      const inPath = await file('in', randomBytes(8192));
      const outPath = await file('out');
      await withFds(inPath, outPath, async (fdIn, fdOut) => {
        const direct = await native.openDirect(fdOut);
        if (direct === undefined) throw new Error('no O_DIRECT here');
        try {
          await expect(native.spliceCopy(fdIn, 0, direct, 100, 4096)).rejects.toMatchObject({ code: 'EINVAL', syscall: 'splice' });
        } finally {
          await promisify(close)(direct);
        }
      });
    });

    it('rejects with the errno on a descriptor that is not open', async () => {
      await expect(native.spliceCopy(999_999, 0, 999_999, 0, 1)).rejects.toMatchObject({ code: 'EBADF', syscall: 'splice' });
    });
  });

  describe('allocAligned', () => {
    it('gives memory an O_DIRECT write takes, where an unaligned Buffer is refused', async () => {
      const aligned = native.allocAligned(8192);
      expect(aligned.length).toBe(8192);
      aligned.fill(0x62);
      const path = await file('direct');
      const handle = await fsp.open(path, 'r+');
      const direct = await native.openDirect(handle.fd);
      if (direct === undefined) throw new Error('no O_DIRECT here');
      try {
        expect((await promisify(write)(direct, aligned, 0, 8192, 0)).bytesWritten).toBe(8192);
        const unaligned = Buffer.alloc(8192 + 1).subarray(1);
        await expect(promisify(write)(direct, unaligned, 0, 8192, 8192)).rejects.toMatchObject({ code: 'EINVAL' });
      } finally {
        await promisify(close)(direct);
        await handle.close();
      }
      expect((await fsp.readFile(path)).equals(Buffer.alloc(8192, 0x62))).toBe(true);
    });

    it('refuses a size of 0, past 1 GiB, or not a number', () => {
      const loose = native as unknown as { allocAligned(size: unknown): Buffer };
      for (const size of [0, 2 ** 30 + 1, 'x', -1]) expect(() => loose.allocAligned(size)).toThrow(/"size" argument must be an integer from 1 to 2\^30/);
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

/** Opens input read-only and output read-write, runs `fn`, closes both. */
async function withFds<T>(inPath: string, outPath: string, fn: (fdIn: number, fdOut: number) => Promise<T>): Promise<T> {
  const input = await fsp.open(inPath, 'r');
  const output = await fsp.open(outPath, 'r+');
  try {
    return await fn(input.fd, output.fd);
  } finally {
    await input.close();
    await output.close();
  }
}
