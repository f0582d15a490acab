import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { EntryDescriptions, NativeFs } from '../native.types';
import { useNativeFixture } from './native-fixture.test';

// The addon's describeEntries against what Node's lstat and the addon's getXattr say of the same paths.
describe('NativeFs.describeEntries (the N-API addon)', () => {
  const fixture = useNativeFixture();
  let describeEntries: (paths: readonly string[], attribute: string | readonly [string, string]) => Promise<EntryDescriptions>;
  let native: NativeFs;
  beforeEach(() => {
    native = fixture.native();
    const describe = native.describeEntries;
    if (describe === undefined) throw new Error('the addon is built without describeEntries: run `npm rebuild tracegw-native`');
    describeEntries = describe;
  });

  it('reports type, size and mtime as lstat does, and the attribute of regular files only', async () => {
    const file = await fixture.file('f', 'hello');
    await native.setXattr(file, 'user.etag', Buffer.from('"abc"'));
    const bare = await fixture.file('bare', '');
    const dir = join(fixture.dir(), 'd');
    await fsp.mkdir(dir);
    await native.setXattr(dir, 'user.etag', Buffer.from('"dir"'));
    const link = join(fixture.dir(), 'link');
    await fsp.symlink(file, link);

    const found = await describeEntries([file, bare, dir, link], 'user.etag');
    expect([...found.kinds]).toEqual([1, 1, 2, 3]);
    expect(found.values).toEqual(['"abc"', '', '', '']);
    const stats = await fsp.lstat(file, { bigint: true });
    expect(found.sizes[0]).toBe(5);
    expect(found.sizes[1]).toBe(0);
    expect(BigInt(found.mtimes[0]) * 1_000_000_000n + BigInt(found.mtimes[1])).toBe(stats.mtimeNs);
  });

  it('reads two attributes in the same pass when asked, the second into secondValues', async () => {
    const owned = await fixture.file('owned', 'x');
    await native.setXattr(owned, 'user.etag', Buffer.from('"e1"'));
    await native.setXattr(owned, 'user.acl', Buffer.from('{"Owner":"BOB"}'));
    const plain = await fixture.file('plain', 'y');
    await native.setXattr(plain, 'user.etag', Buffer.from('"e2"'));
    const big = await fixture.file('big-acl');
    const long = 'a'.repeat(3000);
    await native.setXattr(big, 'user.acl', Buffer.from(long));
    const dir = join(fixture.dir(), 'd');
    await fsp.mkdir(dir);

    const found = await describeEntries([owned, plain, big, dir, join(fixture.dir(), 'gone')], ['user.etag', 'user.acl']);
    expect([...found.kinds]).toEqual([1, 1, 1, 2, 0]);
    expect(found.values).toEqual(['"e1"', '"e2"', '', '', '']);
    expect(found.secondValues).toEqual(['{"Owner":"BOB"}', '', long, '', '']);
    expect((await describeEntries([owned], 'user.etag')).secondValues).toBeUndefined();
    await expect(describeEntries([owned], ['user.etag', 'user.acl', 'user.x'] as unknown as [string, string])).rejects.toThrow(/one or two strings/);
  });

  it('reports paths that are gone instead of failing, and keeps describing the others', async () => {
    const file = await fixture.file('f', 'x');
    const found = await describeEntries([join(fixture.dir(), 'missing'), join(file, 'below-a-file'), file], 'user.etag');
    expect([...found.kinds]).toEqual([0, 0, 1]);
  });

  it('reads a value larger than its first guess, and values that are not UTF-8 as Buffer#toString does', async () => {
    const big = await fixture.file('big');
    const long = 'e'.repeat(3000);
    await native.setXattr(big, 'user.etag', Buffer.from(long));
    const odd = await fixture.file('odd');
    const bytes = Buffer.from([0x22, 0xff, 0x41, 0xe2, 0x82, 0x22]);
    await native.setXattr(odd, 'user.etag', bytes);
    const found = await describeEntries([big, odd], 'user.etag');
    expect(found.values).toEqual([long, bytes.toString('utf8')]);
  });

  it('describes paths of several directories in any order, relative paths and the root included', async () => {
    const paths: string[] = [];
    for (const dir of ['a', 'b', 'a/c']) {
      await fsp.mkdir(join(fixture.dir(), dir), { recursive: true });
      for (const name of ['x', 'y']) {
        const path = await fixture.file(`${dir}/${name}`, `${dir}${name}`);
        await native.setXattr(path, 'user.etag', Buffer.from(`${dir}/${name}`));
        paths.push(path);
      }
    }
    const mixed = [paths[0], paths[2], paths[1], paths[4], paths[3], paths[5], paths[0], '/', 'relative-and-missing'];
    const found = await describeEntries(mixed, 'user.etag');
    expect(found.values).toEqual(['a/x', 'b/x', 'a/y', 'a/c/x', 'b/y', 'a/c/y', 'a/x', '', '']);
    expect([...found.kinds]).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 0]);
  });

  it('describes a thousand paths in one call, in order', async () => {
    const paths = await Promise.all(Array.from({ length: 1000 }, (_, i) => fixture.file(`f${i}`, 'x'.repeat(i % 7))));
    const found = await describeEntries(paths, 'user.etag');
    expect(found.kinds.every((kind) => kind === 1)).toBe(true);
    expect([...found.sizes]).toEqual(paths.map((_, i) => i % 7));
  });

  it('rejects the whole call with a Node-style error on a failure other than a vanished path', async () => {
    // ENAMETOOLONG counts as gone (no object can have that name); ERANGE for an attribute name
    // over 255 bytes is a real failure.
    const found = await describeEntries([join(fixture.dir(), 'n'.repeat(300))], 'user.etag');
    expect([...found.kinds]).toEqual([0]);
    const file = await fixture.file('f');
    await expect(describeEntries([file], 'user.' + 'a'.repeat(300))).rejects.toMatchObject({
      code: 'ERANGE',
      syscall: 'getxattr',
      path: file,
      errno: -34,
    });
  });

  it('rejects bad arguments as Node does', async () => {
    await expect(describeEntries(['a\0b'], 'user.etag')).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' });
    await expect(describeEntries('a' as unknown as string[], 'user.etag')).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    await expect(describeEntries([1 as unknown as string], 'user.etag')).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
    await expect(describeEntries([], 'user.etag')).resolves.toMatchObject({ values: [] });
  });
});
