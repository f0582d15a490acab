import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { closeSync, constants as fsc, fstatSync, openSync, promises as fsp, readSync, lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { NativeFs, NativeOpenedObject } from '../native.types';
import { evictFromPageCache, useNativeFixture } from './native-fixture.test';

type Open = (native: NativeFs, rootFd: number, bucket: string, path: string, readLimit: number) => Promise<NativeOpenedObject>;

/**
 * openObjectCached as openObject's promise, as object-info.ts uses it: the thread pool only where
 * the kernel does not have the answer in memory. A name never looked up is not in the dentry
 * cache, so one lookup first (a miss leaves a negative dentry).
 */
const fromMemory: Open = async (native, rootFd, bucket, path, readLimit) => {
  lstat(rootFd, `${bucket}/${path}`);
  return native.openObjectCached?.(rootFd, bucket, path, readLimit) ?? native.openObject(rootFd, bucket, path, readLimit);
};

function lstat(rootFd: number, relative: string): void {
  try {
    lstatSync(`/proc/self/fd/${rootFd}/${relative}`);
  } catch {
    // A miss is cached too.
  }
}

const OPENS: [string, Open][] = [
  ['openObject, on the thread pool', (native, ...args) => native.openObject(...args)],
  ['openObjectCached, on this thread from memory', fromMemory],
];

// openObject against the real addon and kernel: the one thread-pool job behind GET and HEAD, and
// its twin that runs on the main thread when the kernel has it all in memory.
/**
 * A fresh root per test, laid out by `populate`, and a descriptor of it (what the native opens
 * resolve beneath), closed after the test.
 */
function useRootFixture(populate: (root: string, native: NativeFs) => Promise<void>): { native: NativeFs; root: string; rootFd: number } {
  const fixture = useNativeFixture();
  const t = { native: undefined as unknown as NativeFs, root: '', rootFd: -1 };
  beforeEach(async () => {
    t.native = fixture.native();
    t.root = fixture.dir();
    await populate(t.root, t.native);
    t.rootFd = openSync(t.root, fsc.O_RDONLY | fsc.O_DIRECTORY);
  });
  afterEach(() => closeSync(t.rootFd));
  return t;
}

describe.each(OPENS)('NativeFs %s: open beneath the bucket, fstat, attributes and small data in one call', (_name, open) => {
  const t = useRootFixture(async (root, native) => {
    await fsp.mkdir(join(root, 'bkt', 'dir'), { recursive: true });
    await fsp.writeFile(join(root, 'bkt', 'dir', 'obj'), 'hello world');
    await native.setXattr(join(root, 'bkt', 'dir', 'obj'), 'user.etag', Buffer.from('"abc"'));
    await native.setXattr(join(root, 'bkt', 'dir', 'obj'), 'user.X-Amz-Meta.colour', Buffer.from('blau ü'));
  });

  const codeAndScope = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (err: { code?: string; scope?: string; syscall?: string }) => `${err.code} ${err.scope} ${err.syscall}`,
    );

  it('reads the data whole when it fits the limit, and closes the descriptor', async () => {
    const [fd, kind, size, mtimeMs, attrs, data] = await open(t.native, t.rootFd, 'bkt', 'dir/obj', 11);
    expect([fd, kind, size]).toEqual([-1, 0, 11]);
    expect(Math.abs(mtimeMs - (await fsp.stat(join(t.root, 'bkt', 'dir', 'obj'))).mtimeMs)).toBeLessThan(1);
    expect(data?.toString()).toBe('hello world');
    const pairs = new Map<string, string>();
    for (let i = 0; i < attrs.length; i += 2) pairs.set(attrs[i], attrs[i + 1]);
    expect(Object.fromEntries(pairs)).toEqual({ 'user.etag': '"abc"', 'user.X-Amz-Meta.colour': 'blau ü' });
  });

  it('hands over whole data of every size intact, copied (up to 64 KiB) or not (above)', async () => {
    for (const size of [0, 1, 64 * 1024, 64 * 1024 + 1, 200 * 1024]) {
      const body = randomBytes(size);
      await fsp.writeFile(join(t.root, 'bkt', `sized-${size}`), body);
      const data = (await open(t.native, t.rootFd, 'bkt', `sized-${size}`, 256 * 1024))[5];
      expect({ size, same: data?.equals(body) }).toEqual({ size, same: true });
    }
  });

  it('reads values and name lists larger than its first buffer whole', async () => {
    const path = join(t.root, 'bkt', 'dir', 'obj');
    const long = 'v'.repeat(1500);
    await t.native.setXattr(path, 'user.X-Amz-Meta.long', Buffer.from(long));
    const names = Array.from({ length: 20 }, (_, i) => `user.X-Amz-Meta.${'n'.repeat(32)}${10 + i}`);
    for (const name of names) await t.native.setXattr(path, name, Buffer.from(name.slice(-2)));
    const [, , , , attrs] = await open(t.native, t.rootFd, 'bkt', 'dir/obj', -1);
    const pairs = new Map<string, string>();
    for (let i = 0; i < attrs.length; i += 2) pairs.set(attrs[i], attrs[i + 1]);
    expect(pairs.get('user.X-Amz-Meta.long')).toBe(long);
    for (const name of names) expect(pairs.get(name)).toBe(name.slice(-2));
    expect(pairs.size).toBe(names.length + 3);
  });

  it('keeps the descriptor open instead when the file is larger than the limit, or when asked (-2)', async () => {
    for (const limit of [10, -2]) {
      const [fd, kind, size, , , data] = await open(t.native, t.rootFd, 'bkt', 'dir/obj', limit);
      expect([kind, size, data]).toEqual([0, 11, undefined]);
      expect(fd).toBeGreaterThanOrEqual(0);
      const buf = Buffer.alloc(11);
      expect(readSync(fd, buf, 0, 11, 0)).toBe(11);
      expect(buf.toString()).toBe('hello world');
      closeSync(fd);
    }
  });

  it('describes only with -1 (HEAD): no data, descriptor closed', async () => {
    const [fd, kind, size, , , data] = await open(t.native, t.rootFd, 'bkt', 'dir/obj', -1);
    expect([fd, kind, size, data]).toEqual([-1, 0, 11, undefined]);
  });

  it('reports directories and other files by kind; a directory is kept open only with -2', async () => {
    expect((await open(t.native, t.rootFd, 'bkt', 'dir', 1024)).slice(0, 3)).toEqual([-1, 1, 0]);
    const [fd] = await open(t.native, t.rootFd, 'bkt', 'dir', -2);
    expect(fstatSync(fd).isDirectory()).toBe(true);
    closeSync(fd);
    execFileSync('mkfifo', [join(t.root, 'bkt', 'pipe')]);
    expect((await open(t.native, t.rootFd, 'bkt', 'pipe', -2)).slice(0, 2)).toEqual([-1, 2]);
  });

  it("says which part failed: a missing bucket or key, a link out of the bucket or the t.root (EXDEV), the t.root as a bucket", async () => {
    await fsp.mkdir(join(t.root, 'other'));
    await fsp.writeFile(join(t.root, 'other', 'secret'), 'x');
    await fsp.symlink('../other/secret', join(t.root, 'bkt', 'out'));
    await fsp.symlink('/etc', join(t.root, 'abs'));
    await fsp.symlink('.', join(t.root, 'self'));
    expect(await codeAndScope(open(t.native, t.rootFd, 'nobucket', 'k', 0))).toBe('ENOENT bucket openat2');
    expect(await codeAndScope(open(t.native, t.rootFd, 'bkt', 'dir/none', 0))).toBe('ENOENT key openat2');
    expect(await codeAndScope(open(t.native, t.rootFd, 'bkt', 'dir/obj/below', 0))).toBe('ENOTDIR key openat2');
    expect(await codeAndScope(open(t.native, t.rootFd, 'bkt', 'out', 0))).toBe('EXDEV key openat2');
    expect(await codeAndScope(open(t.native, t.rootFd, 'bkt', '../other/secret', 0))).toBe('EXDEV key openat2');
    expect(await codeAndScope(open(t.native, t.rootFd, 'abs', 'passwd', 0))).toBe('EXDEV bucket openat2');
    expect(await codeAndScope(open(t.native, t.rootFd, 'self', 'bkt/dir/obj', 0))).toBe('EXDEV bucket openat2');
  });
});

/** Evictions and calls before the test gives up on seeing the not-in-memory answer. */
const EVICT_AND_ASK = 5;

describe('NativeFs.openObjectCached: only what the kernel has in memory', () => {
  const t = useRootFixture(async (root) => {
    await fsp.mkdir(join(root, 'bkt'));
    const file = await fsp.open(join(root, 'bkt', 'obj'), 'w');
    await file.writeFile('hello world');
    // Clean pages only can be dropped from the page cache.
    await file.datasync();
    await file.close();
  });

  it('answers undefined when the data is not in the page cache, and describes the file still (HEAD reads no data)', async () => {
    // The kernel can bring the page back between the eviction and the call (writeback of the
    // inode, readahead by another process's scan): evicted again and asked again, an answer of
    // undefined must come within a few tries, and never a wrong one.
    let answer: ReturnType<NonNullable<typeof t.native.openObjectCached>> = null;
    for (let attempt = 0; attempt < EVICT_AND_ASK; attempt++) {
      evictFromPageCache(join(t.root, 'bkt', 'obj'));
      answer = t.native.openObjectCached?.(t.rootFd, 'bkt', 'obj', 1024);
      if (answer === undefined) break;
      expect(answer?.[5]?.toString()).toBe('hello world');
    }
    expect(answer).toBeUndefined();
    expect(t.native.openObjectCached?.(t.rootFd, 'bkt', 'obj', -1)?.slice(0, 3)).toEqual([-1, 0, 11]);
    // The thread pool reads it from the disk, which brings it back into memory.
    expect((await t.native.openObject(t.rootFd, 'bkt', 'obj', 1024))[5]?.toString()).toBe('hello world');
    expect(t.native.openObjectCached?.(t.rootFd, 'bkt', 'obj', 1024)?.[5]?.toString()).toBe('hello world');
  });

  it('throws the errors openObject rejects with, on the spot', () => {
    const thrown = (bucket: string, path: string): string => {
      try {
        t.native.openObjectCached?.(t.rootFd, bucket, path, 0);
        return 'returned';
      } catch (err) {
        const { code, scope, syscall } = err as { code?: string; scope?: string; syscall?: string };
        return `${code} ${scope} ${syscall}`;
      }
    };
    // Looked up once, so the kernel holds the answer (a negative dentry) and the cached open can give it.
    expect(() => statSync(join(t.root, 'nobucket'))).toThrow();
    expect(() => statSync(join(t.root, 'bkt', 'none'))).toThrow();
    expect(thrown('nobucket', 'k')).toBe('ENOENT bucket openat2');
    expect(thrown('bkt', 'none')).toBe('ENOENT key openat2');
  });
});

describe('NativeFs.openObject and openObjectCached refuse bad arguments without touching the file system', () => {
  const t = useRootFixture(async () => undefined);
  const BAD = [[0, 'bkt', 'a\0b', 0], [0, '', 'k', 0], [-1, 'bkt', 'k', 0], [0, 'bkt', 'k', -3], [0, 'bkt']];
  const withRoot = (args: unknown[]): unknown[] => (args[0] === 0 ? [t.rootFd, ...args.slice(1)] : args);

  it('openObject rejects', async () => {
    const bad = t.native.openObject as unknown as (...args: unknown[]) => Promise<unknown>;
    for (const args of BAD) await expect(bad(...withRoot(args))).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
  });

  it('openObjectCached throws', () => {
    const bad = t.native.openObjectCached as unknown as (...args: unknown[]) => unknown;
    for (const args of BAD) expect(() => bad(...withRoot(args))).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  });
});

/** What a cached call did: its error's code (and scope), or the type of what it returned. */
function outcome(call: () => unknown): string {
  try {
    return typeof call();
  } catch (err) {
    const { code, scope } = err as { code?: string; scope?: string };
    return scope === 'bucket' ? `${code} ${scope}` : String(code);
  }
}

describe('NativeFs.openBucketCached: a bucket directory held open for openObjectCached', () => {
  const t = useRootFixture(async (root) => {
    await fsp.mkdir(join(root, 'bkt'));
    await fsp.writeFile(join(root, 'bkt', 'obj'), 'hello world');
    await fsp.symlink('.', join(root, 'self'));
  });

  it('opens keys beneath the descriptor as by the name, and still refuses a way out of the bucket', () => {
    lstatSync(join(t.root, 'bkt'));
    const bucketFd = t.native.openBucketCached?.(t.rootFd, 'bkt');
    expect(typeof bucketFd).toBe('number');
    try {
      expect(t.native.openObjectCached?.(t.rootFd, bucketFd as number, 'obj', 1024)?.[5]?.toString()).toBe('hello world');
      // Out of the bucket: refused, or left to the thread-pool open (which refuses it, as tested above).
      expect(['EXDEV', 'undefined']).toContain(outcome(() => t.native.openObjectCached?.(t.rootFd, bucketFd as number, '../bkt/obj', 1024)));
    } finally {
      closeSync(bucketFd as number);
    }
  });

  it('refuses the t.root itself as a bucket, and a bucket that is not there', () => {
    lstatSync(join(t.root, 'self'));
    expect(['EXDEV bucket', 'undefined']).toContain(outcome(() => t.native.openBucketCached?.(t.rootFd, 'self')));
    expect(() => statSync(join(t.root, 'none'))).toThrow();
    expect(() => t.native.openBucketCached?.(t.rootFd, 'none')).toThrow(expect.objectContaining({ code: 'ENOENT', scope: 'bucket' }));
  });

  it('refuses bad arguments, and a descriptor where the thread-pool open wants a name', async () => {
    const bad = t.native.openBucketCached as unknown as (...args: unknown[]) => unknown;
    for (const args of [[t.rootFd, ''], [-1, 'bkt'], [t.rootFd, 'a\0b'], [t.rootFd]]) expect(() => bad(...args)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    await expect(t.native.openObject(t.rootFd, 3 as unknown as string, 'obj', 0)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
  });
});
