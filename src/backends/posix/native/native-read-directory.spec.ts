import { execFileSync } from 'node:child_process';
import { promises as fsp, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DirectoryEntries, NativeFs } from '../native.types';
import { useNativeFixture } from './native-fixture.test';

// The addon's readDirectory against what Node's readdir says of the same directory.
describe('NativeFs.readDirectory (the N-API addon)', () => {
  const fixture = useNativeFixture();
  let readDirectory: (path: string, limit: number) => Promise<DirectoryEntries | undefined>;
  beforeEach(() => {
    const native: NativeFs = fixture.native();
    const read = native.readDirectory;
    if (read === undefined) throw new Error('the addon is built without readDirectory: run `npm rebuild tracegw-native`');
    readDirectory = read;
  });

  const entriesOf = (found: DirectoryEntries | undefined): Array<[string, number]> =>
    found === undefined ? [] : found.names.map((name, i) => [name, found.types[i]]);

  it('returns names and types sorted by bytes, a directory read as name/, without . and ..', async () => {
    const dir = fixture.dir();
    for (const name of ['a-c', 'a0', 'B', 'é', '😀', '\uE000']) await fixture.file(name);
    await fsp.mkdir(join(dir, 'a'));
    await fsp.symlink('a0', join(dir, 'link'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(entriesOf(await readDirectory(dir, 100))).toEqual([
      ['B', 1],
      ['a-c', 1],
      ['a', 2],
      ['a0', 1],
      ['fifo', 0],
      ['link', 3],
      ['é', 1],
      ['\uE000', 1],
      ['😀', 1],
    ]);
  });

  it('decodes a name that is not UTF-8 as Node does', async () => {
    const dir = fixture.dir();
    await fsp.writeFile(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x61, 0xff, 0x62])]), '');
    const found = await readDirectory(dir, 10);
    expect(found?.names).toEqual(readdirSync(dir));
    expect(found?.names[0]).toBe('a\uFFFDb');
  });

  it('resolves undefined for a directory of more entries than the limit, and reads one of exactly that many', async () => {
    for (let i = 0; i < 5; i++) await fixture.file(`f${i}`);
    await expect(readDirectory(fixture.dir(), 4)).resolves.toBeUndefined();
    expect((await readDirectory(fixture.dir(), 5))?.names).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
    await expect(readDirectory(join(fixture.dir(), 'f0'), 5)).rejects.toMatchObject({ code: 'ENOTDIR', syscall: 'opendir' });
  });

  it('rejects a missing directory with a Node-style error, and bad arguments as Node does', async () => {
    const missing = join(fixture.dir(), 'missing');
    await expect(readDirectory(missing, 10)).rejects.toMatchObject({ code: 'ENOENT', errno: -2, syscall: 'opendir', path: missing });
    await expect(readDirectory('a\0b', 10)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' });
    await expect(readDirectory(fixture.dir(), -1)).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    await expect(readDirectory(fixture.dir(), '1' as unknown as number)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
  });
});
