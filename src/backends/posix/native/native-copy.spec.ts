import { randomBytes } from 'node:crypto';
import { close, promises as fsp, write } from 'node:fs';
import { promisify } from 'node:util';
import type { NativeFs } from '../native.types';
import { useNativeFixture, withFds } from './native-fixture.test';

// The addon's kernel copies, preallocation and direct I/O, on the machine's file system (ext4 on
// the test machines: no reflinks there).
describe('NativeFs (the N-API addon): copies and direct I/O', () => {
  const fixture = useNativeFixture();
  let native: NativeFs;
  beforeEach(() => {
    native = fixture.native();
  });
  const file = fixture.file;

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
      const fd = await native.openTmpFile(fixture.dir());
      if (fd === undefined) throw new Error('no O_TMPFILE here');
      try {
        const direct = await native.openDirect(fd);
        if (direct === undefined) throw new Error(`${fixture.dir()} takes no O_DIRECT: run these tests on ext4, xfs or btrfs`);
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
});
