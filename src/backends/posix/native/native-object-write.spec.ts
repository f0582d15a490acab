import { randomBytes } from 'node:crypto';
import { closeSync, constants as fsc, openSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { NativeFs, NativeObjectWrites, NativePlacement } from '../native.types';
import { useNativeFixture } from './native-fixture.test';

const OUTCOME = { done: 0, preconditionFailed: 1, keyIsDirectory: 2, parentIsFile: 3, outsideBucket: 4 };

// The write calls behind PutObject, against the real addon and kernel: what each leaves on disk,
// and what each answers when the key's place is taken or leads outside the bucket.
describe('NativeFs object writes: temporary file, data, fdatasync, attributes and link in one call', () => {
  const fixture = useNativeFixture();
  let native: NativeFs & NativeObjectWrites;
  let root: string;
  let rootFd: number;
  beforeEach(async () => {
    native = fixture.native() as NativeFs & NativeObjectWrites;
    root = fixture.dir();
    await fsp.mkdir(join(root, 'bkt', '.sgwtmp'), { recursive: true });
    rootFd = openSync(root, fsc.O_RDONLY | fsc.O_DIRECTORY);
  });
  afterEach(() => closeSync(rootFd));

  const placement = (key: string, extra: Partial<NativePlacement> = {}): NativePlacement => {
    const slash = key.lastIndexOf('/');
    return {
      rootFd,
      bucket: 'bkt',
      bucketFd: -1,
      parent: slash < 0 ? '' : key.slice(0, slash),
      name: key.slice(slash + 1),
      ifNoneMatch: false,
      staged: `${'a'.repeat(64)}.${randomBytes(4).toString('hex')}`,
      dirMode: 0o755,
      attrs: ['user.content-type', Buffer.from('text/plain'), 'user.etag', Buffer.from('"e1"')],
      ...extra,
    };
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (err: { code?: string; stage?: string; syscall?: string }) => `${err.code} ${err.stage}`,
    );
  const tmpEntries = () => fsp.readdir(join(root, 'bkt', '.sgwtmp'));

  describe('writeObject', () => {
    const openFds = async (): Promise<number> => (await fsp.readdir('/proc/self/fd')).length;

    it("writes beneath the gateway's held bucket directory, leaving that descriptor open and no other", async () => {
      const held = native.openBucketCached!(rootFd, 'bkt') as number;
      try {
        const before = await openFds();
        const [outcome] = await native.writeObject({ ...placement('held/obj', { bucket: 'not-a-bucket', bucketFd: held }), chunks: [Buffer.from('beneath')] });
        expect(outcome).toBe(OUTCOME.done);
        expect(await fsp.readFile(join(root, 'bkt', 'held', 'obj'), 'utf8')).toBe('beneath');
        expect(await openFds()).toBe(before);
        // Still the caller's to use and to close.
        expect(await native.writeObject({ ...placement('again', { bucketFd: held }), chunks: [Buffer.from('x')] })).toEqual([OUTCOME.done, expect.any(Array)]);
      } finally {
        closeSync(held);
      }
    });

    it('refuses with ENOENT beneath a held bucket directory removed meanwhile', async () => {
      const held = native.openBucketCached!(rootFd, 'bkt') as number;
      try {
        await fsp.rm(join(root, 'bkt'), { recursive: true });
        await fsp.mkdir(join(root, 'bkt', '.sgwtmp'), { recursive: true });
        expect(await failure(native.writeObject({ ...placement('obj', { bucketFd: held }), chunks: [Buffer.from('lost')] }))).toMatch(/^ENOENT /);
        expect(await fsp.readdir(join(root, 'bkt'))).toEqual(['.sgwtmp']);
      } finally {
        closeSync(held);
      }
    });

    it('writes the chunks in order, sets the attributes, makes the directories and links the file', async () => {
      const chunks = [Buffer.from('hello '), Buffer.from('native '), Buffer.from('world')];
      const [outcome, times] = await native.writeObject({ ...placement('a/b/c/obj'), chunks });
      expect(outcome).toBe(OUTCOME.done);
      const file = join(root, 'bkt', 'a', 'b', 'c', 'obj');
      expect(await fsp.readFile(file, 'utf8')).toBe('hello native world');
      expect((await native.getXattr(file, 'user.etag'))?.toString()).toBe('"e1"');
      expect((await native.getXattr(file, 'user.content-type'))?.toString()).toBe('text/plain');
      expect(((await fsp.stat(join(root, 'bkt', 'a', 'b'))).mode & 0o777) & ~0o755).toBe(0);
      expect(await tmpEntries()).toEqual([]);
      // open start, opened, synced, link start, link end: in order, all in the past.
      expect(times).toHaveLength(5);
      for (let i = 1; i < 5; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1]);
      expect(times[4]).toBeGreaterThanOrEqual(0);
    });

    it('takes more chunks than one pwritev can (IOV_MAX), and empty ones', async () => {
      const chunks = Array.from({ length: 2500 }, (_, i) => (i % 7 === 0 ? Buffer.alloc(0) : randomBytes(1 + (i % 50))));
      await native.writeObject({ ...placement('many'), chunks });
      expect((await fsp.readFile(join(root, 'bkt', 'many'))).equals(Buffer.concat(chunks))).toBe(true);
    });

    it('replaces an existing object by a rename: the new inode under the name, no staged file left', async () => {
      await native.writeObject({ ...placement('obj'), chunks: [Buffer.from('old')] });
      const before = await fsp.stat(join(root, 'bkt', 'obj'));
      const [outcome] = await native.writeObject({ ...placement('obj', { attrs: ['user.etag', Buffer.from('"e2"')] }), chunks: [Buffer.from('new')] });
      expect(outcome).toBe(OUTCOME.done);
      const after = await fsp.stat(join(root, 'bkt', 'obj'));
      expect(after.ino).not.toBe(before.ino);
      expect(await fsp.readFile(join(root, 'bkt', 'obj'), 'utf8')).toBe('new');
      expect((await native.getXattr(join(root, 'bkt', 'obj'), 'user.etag'))?.toString()).toBe('"e2"');
      // Only the new attributes: the old inode's are gone with it.
      expect(await native.getXattr(join(root, 'bkt', 'obj'), 'user.content-type')).toBeUndefined();
      expect(await tmpEntries()).toEqual([]);
    });

    it('If-None-Match: a file at the key fails the precondition and changes nothing', async () => {
      await fsp.writeFile(join(root, 'bkt', 'taken'), 'first');
      const [outcome] = await native.writeObject({ ...placement('taken', { ifNoneMatch: true }), chunks: [Buffer.from('second')] });
      expect(outcome).toBe(OUTCOME.preconditionFailed);
      expect(await fsp.readFile(join(root, 'bkt', 'taken'), 'utf8')).toBe('first');
      const [fresh] = await native.writeObject({ ...placement('free', { ifNoneMatch: true }), chunks: [Buffer.from('x')] });
      expect(fresh).toBe(OUTCOME.done);
    });

    it('If-None-Match: of writers racing for one new key, exactly one wins', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => native.writeObject({ ...placement('race', { ifNoneMatch: true }), chunks: [Buffer.from(`writer ${i}`)] })),
      );
      const outcomes = results.map(([outcome]) => outcome).sort();
      expect(outcomes).toEqual([0, 1, 1, 1, 1, 1, 1, 1]);
      expect(await fsp.readFile(join(root, 'bkt', 'race'), 'utf8')).toMatch(/^writer \d$/);
    });

    it('answers by outcome when a directory has the name, or a file is where a directory should be', async () => {
      await fsp.mkdir(join(root, 'bkt', 'dir'));
      await fsp.writeFile(join(root, 'bkt', 'file'), 'f');
      expect((await native.writeObject({ ...placement('dir'), chunks: [] }))[0]).toBe(OUTCOME.keyIsDirectory);
      expect((await native.writeObject({ ...placement('dir', { ifNoneMatch: true }), chunks: [] }))[0]).toBe(OUTCOME.keyIsDirectory);
      expect((await native.writeObject({ ...placement('file/under'), chunks: [] }))[0]).toBe(OUTCOME.parentIsFile);
      expect((await native.writeObject({ ...placement('file/deeper/still'), chunks: [] }))[0]).toBe(OUTCOME.parentIsFile);
      expect(await fsp.readFile(join(root, 'bkt', 'file'), 'utf8')).toBe('f');
    });

    it('never writes outside the bucket through a symlinked directory, and follows one that stays inside', async () => {
      const outside = join(fixture.dir(), 'outside');
      await fsp.mkdir(outside);
      await fsp.symlink(outside, join(root, 'bkt', 'escape'));
      await fsp.symlink('../..', join(root, 'bkt', 'up'));
      await fsp.mkdir(join(root, 'bkt', 'real'));
      await fsp.symlink('real', join(root, 'bkt', 'alias'));
      expect((await native.writeObject({ ...placement('escape/obj'), chunks: [Buffer.from('x')] }))[0]).toBe(OUTCOME.outsideBucket);
      expect((await native.writeObject({ ...placement('escape/new/obj'), chunks: [Buffer.from('x')] }))[0]).toBe(OUTCOME.outsideBucket);
      expect((await native.writeObject({ ...placement('up/obj'), chunks: [Buffer.from('x')] }))[0]).toBe(OUTCOME.outsideBucket);
      expect(await fsp.readdir(outside)).toEqual([]);
      expect((await native.writeObject({ ...placement('alias/obj'), chunks: [Buffer.from('in')] }))[0]).toBe(OUTCOME.done);
      expect(await fsp.readFile(join(root, 'bkt', 'real', 'obj'), 'utf8')).toBe('in');
    });

    it('makes the bucket its .sgwtmp when another tool made the bucket without one', async () => {
      await fsp.rm(join(root, 'bkt', '.sgwtmp'), { recursive: true });
      expect((await native.writeObject({ ...placement('obj'), chunks: [Buffer.from('x')] }))[0]).toBe(OUTCOME.done);
      expect((await fsp.stat(join(root, 'bkt', '.sgwtmp'))).isDirectory()).toBe(true);
    });

    it('rejects with the failing step: a missing bucket, a bucket outside the root or that is the root', async () => {
      expect(await failure(native.writeObject({ ...placement('obj', { bucket: 'none' }), chunks: [] }))).toBe('ENOENT bucket');
      const elsewhere = join(fixture.dir(), 'elsewhere');
      await fsp.mkdir(elsewhere);
      await fsp.symlink(elsewhere, join(root, 'out'));
      expect(await failure(native.writeObject({ ...placement('obj', { bucket: 'out' }), chunks: [] }))).toBe('EXDEV bucket');
      await fsp.symlink('.', join(root, 'self'));
      expect(await failure(native.writeObject({ ...placement('obj', { bucket: 'self' }), chunks: [] }))).toBe('EXDEV bucket');
      expect(await fsp.readdir(elsewhere)).toEqual([]);
    });

    it('an attribute the file system has no room for fails at its step, and nothing is named', async () => {
      const huge = Buffer.alloc(1 << 20, 'm');
      const result = await failure(native.writeObject({ ...placement('big-meta', { attrs: ['user.X-Amz-Meta.huge', huge] }), chunks: [Buffer.from('x')] }));
      expect(result).toMatch(/^(ENOSPC|E2BIG|ERANGE) xattr$/);
      await expect(fsp.stat(join(root, 'bkt', 'big-meta'))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await tmpEntries()).toEqual([]);
    });

    it('a failure carries the times of the steps that ran', async () => {
      const err = await native.writeObject({ ...placement('m', { attrs: ['user.x', Buffer.alloc(1 << 20)] }), chunks: [] }).catch((e: { times: number[] }) => e);
      const { times } = err as { times: number[] };
      expect(times.slice(0, 3).every((t) => t >= 0)).toBe(true);
      expect(times.slice(3)).toEqual([-1, -1]);
    });

    it('refuses a malformed request without touching the disk', async () => {
      const bad = { ...placement('obj'), chunks: ['not a buffer'] } as unknown as Parameters<NativeObjectWrites['writeObject']>[0];
      await expect(native.writeObject(bad)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE', message: expect.stringContaining('chunks') });
      const nul = { ...placement('obj', { name: 'a\0b' }), chunks: [] };
      await expect(native.writeObject(nul)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE', message: expect.stringContaining('name') });
      expect(await fsp.readdir(join(root, 'bkt'))).toEqual(['.sgwtmp']);
    });
  });

  describe('beginObject, writeChunks, finishObject: a body that streams', () => {
    it('writes batches through the O_DIRECT twin from aligned memory, the tail through the page cache, and links', async () => {
      const data = randomBytes(3 * (1 << 20) + 1234);
      const [outcome, fd, directFd] = await native.beginObject({ ...placement('dir/large'), size: data.length, direct: true });
      expect(outcome).toBe(OUTCOME.done);
      expect(fd).toBeGreaterThanOrEqual(0);
      try {
        const staging = native.allocAligned(1 << 20);
        for (let offset = 0; offset < data.length; offset += 1 << 20) {
          const batch = data.subarray(offset, Math.min(data.length, offset + (1 << 20)));
          // A batch arrives as socket chunks: three pieces of unaligned sizes.
          const thirds = [batch.subarray(0, 1000), batch.subarray(1000, 70000), batch.subarray(70000)];
          const [written, refused] = await native.writeChunks({ fd, directFd, offset, chunks: thirds, staging });
          expect([written, refused]).toEqual([batch.length, false]);
        }
        expect((await native.finishObject({ ...placement('dir/large'), fd }))[0]).toBe(OUTCOME.done);
      } finally {
        closeSync(fd);
        if (directFd >= 0) closeSync(directFd);
      }
      expect((await fsp.readFile(join(root, 'bkt', 'dir', 'large'))).equals(data)).toBe(true);
      expect((await native.getXattr(join(root, 'bkt', 'dir', 'large'), 'user.etag'))?.toString()).toBe('"e1"');
    });

    it('without staging memory, writes the chunks as they are (pwritev)', async () => {
      const [, fd] = await native.beginObject({ ...placement('plain'), size: 0, direct: false });
      try {
        const [written] = await native.writeChunks({ fd, directFd: -1, offset: 0, chunks: [Buffer.from('ab'), Buffer.from('cd')] });
        expect(written).toBe(4);
        await native.writeChunks({ fd, directFd: -1, offset: 4, chunks: [Buffer.from('ef')] });
        await native.finishObject({ ...placement('plain'), fd });
      } finally {
        closeSync(fd);
      }
      expect(await fsp.readFile(join(root, 'bkt', 'plain'), 'utf8')).toBe('abcdef');
    });

    it('checks the key before any byte is taken, as writeObject does', async () => {
      await fsp.writeFile(join(root, 'bkt', 'taken'), 'first');
      const [outcome, fd, directFd] = await native.beginObject({ ...placement('taken', { ifNoneMatch: true }), size: 10, direct: true });
      expect([outcome, fd, directFd]).toEqual([OUTCOME.preconditionFailed, -1, -1]);
    });

    it('reserves the blocks of the announced size up front', async () => {
      const [, fd, directFd] = await native.beginObject({ ...placement('reserved'), size: 8 << 20, direct: false });
      try {
        expect(directFd).toBe(-1);
        expect((await fsp.stat(`/proc/self/fd/${fd}`)).size).toBe(8 << 20);
      } finally {
        closeSync(fd);
      }
    });

    it('refuses staging memory that is not block-aligned', async () => {
      const unaligned = native.allocAligned(8192).subarray(1);
      await expect(native.writeChunks({ fd: 0, directFd: -1, offset: 0, chunks: [], staging: unaligned })).rejects.toMatchObject({
        code: 'ERR_INVALID_ARG_VALUE',
        message: expect.stringContaining('staging'),
      });
    });
  });
});
