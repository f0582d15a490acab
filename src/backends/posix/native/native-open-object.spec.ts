import { closeSync, constants as fsc, fstatSync, openSync, promises as fsp, readSync } from 'node:fs';
import { join } from 'node:path';
import type { NativeFs } from '../native.types';
import { useNativeFixture } from './native-fixture.test';

// openObject against the real addon and kernel: the one thread-pool job behind GET and HEAD.
describe('NativeFs.openObject: open beneath the bucket, fstat, attributes and small data in one call', () => {
  const fixture = useNativeFixture();
  let native: NativeFs;
  let root: string;
  let rootFd: number;
  beforeEach(async () => {
    native = fixture.native();
    root = fixture.dir();
    await fsp.mkdir(join(root, 'bkt', 'dir'), { recursive: true });
    await fsp.writeFile(join(root, 'bkt', 'dir', 'obj'), 'hello world');
    await native.setXattr(join(root, 'bkt', 'dir', 'obj'), 'user.etag', Buffer.from('"abc"'));
    await native.setXattr(join(root, 'bkt', 'dir', 'obj'), 'user.X-Amz-Meta.colour', Buffer.from('blau ü'));
    rootFd = openSync(root, fsc.O_RDONLY | fsc.O_DIRECTORY);
  });
  afterEach(() => closeSync(rootFd));

  const codeAndScope = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (err: { code?: string; scope?: string; syscall?: string }) => `${err.code} ${err.scope} ${err.syscall}`,
    );

  it('reads the data whole when it fits the limit, and closes the descriptor', async () => {
    const [fd, kind, size, mtimeMs, attrs, data] = await native.openObject(rootFd, 'bkt', 'dir/obj', 11);
    expect([fd, kind, size]).toEqual([-1, 0, 11]);
    expect(Math.abs(mtimeMs - (await fsp.stat(join(root, 'bkt', 'dir', 'obj'))).mtimeMs)).toBeLessThan(1);
    expect(data?.toString()).toBe('hello world');
    const pairs = new Map<string, string>();
    for (let i = 0; i < attrs.length; i += 2) pairs.set(attrs[i], attrs[i + 1]);
    expect(Object.fromEntries(pairs)).toEqual({ 'user.etag': '"abc"', 'user.X-Amz-Meta.colour': 'blau ü' });
  });

  it('reads values and name lists larger than its first buffer whole', async () => {
    const path = join(root, 'bkt', 'dir', 'obj');
    const long = 'v'.repeat(1500);
    await native.setXattr(path, 'user.X-Amz-Meta.long', Buffer.from(long));
    const names = Array.from({ length: 20 }, (_, i) => `user.X-Amz-Meta.${'n'.repeat(32)}${10 + i}`);
    for (const name of names) await native.setXattr(path, name, Buffer.from(name.slice(-2)));
    const [, , , , attrs] = await native.openObject(rootFd, 'bkt', 'dir/obj', -1);
    const pairs = new Map<string, string>();
    for (let i = 0; i < attrs.length; i += 2) pairs.set(attrs[i], attrs[i + 1]);
    expect(pairs.get('user.X-Amz-Meta.long')).toBe(long);
    for (const name of names) expect(pairs.get(name)).toBe(name.slice(-2));
    expect(pairs.size).toBe(names.length + 3);
  });

  it('keeps the descriptor open instead when the file is larger than the limit, or when asked (-2)', async () => {
    for (const limit of [10, -2]) {
      const [fd, kind, size, , , data] = await native.openObject(rootFd, 'bkt', 'dir/obj', limit);
      expect([kind, size, data]).toEqual([0, 11, undefined]);
      expect(fd).toBeGreaterThanOrEqual(0);
      const buf = Buffer.alloc(11);
      expect(readSync(fd, buf, 0, 11, 0)).toBe(11);
      expect(buf.toString()).toBe('hello world');
      closeSync(fd);
    }
  });

  it('describes only with -1 (HEAD): no data, descriptor closed', async () => {
    const [fd, kind, size, , , data] = await native.openObject(rootFd, 'bkt', 'dir/obj', -1);
    expect([fd, kind, size, data]).toEqual([-1, 0, 11, undefined]);
  });

  it('reports directories and other files by kind; a directory is kept open only with -2', async () => {
    expect((await native.openObject(rootFd, 'bkt', 'dir', 1024)).slice(0, 3)).toEqual([-1, 1, 0]);
    const [fd] = await native.openObject(rootFd, 'bkt', 'dir', -2);
    expect(fstatSync(fd).isDirectory()).toBe(true);
    closeSync(fd);
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(root, 'bkt', 'pipe')]);
    expect((await native.openObject(rootFd, 'bkt', 'pipe', -2)).slice(0, 2)).toEqual([-1, 2]);
  });

  it("says which part failed: a missing bucket or key, a link out of the bucket or the root (EXDEV), the root as a bucket", async () => {
    await fsp.mkdir(join(root, 'other'));
    await fsp.writeFile(join(root, 'other', 'secret'), 'x');
    await fsp.symlink('../other/secret', join(root, 'bkt', 'out'));
    await fsp.symlink('/etc', join(root, 'abs'));
    await fsp.symlink('.', join(root, 'self'));
    expect(await codeAndScope(native.openObject(rootFd, 'nobucket', 'k', 0))).toBe('ENOENT bucket openat2');
    expect(await codeAndScope(native.openObject(rootFd, 'bkt', 'dir/none', 0))).toBe('ENOENT key openat2');
    expect(await codeAndScope(native.openObject(rootFd, 'bkt', 'dir/obj/below', 0))).toBe('ENOTDIR key openat2');
    expect(await codeAndScope(native.openObject(rootFd, 'bkt', 'out', 0))).toBe('EXDEV key openat2');
    expect(await codeAndScope(native.openObject(rootFd, 'bkt', '../other/secret', 0))).toBe('EXDEV key openat2');
    expect(await codeAndScope(native.openObject(rootFd, 'abs', 'passwd', 0))).toBe('EXDEV bucket openat2');
    expect(await codeAndScope(native.openObject(rootFd, 'self', 'bkt/dir/obj', 0))).toBe('EXDEV bucket openat2');
  });

  it('rejects bad arguments without touching the file system', async () => {
    const bad = native.openObject as unknown as (...args: unknown[]) => Promise<unknown>;
    for (const args of [[rootFd, 'bkt', 'a\0b', 0], [rootFd, '', 'k', 0], [-1, 'bkt', 'k', 0], [rootFd, 'bkt', 'k', -3], [rootFd, 'bkt']]) {
      await expect(bad(...args)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    }
  });
});
