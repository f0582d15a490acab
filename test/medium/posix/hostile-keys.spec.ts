import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { OPEN_PATHS, OWNER, codeOf, disposeFixture, type Fixture, makeFixture, putInput, readAll, tree } from './support';

const B = 'bucket';

describe.each(OPEN_PATHS)('PosixBackend hostile keys never reach outside the root (%s)', (_name, native) => {
  let f: Fixture;
  let outsideBefore: string[];
  beforeEach(async () => {
    f = await makeFixture(native());
    await f.backend.createBucket({ bucket: B, owner: OWNER });
    await fsp.writeFile(path.join(f.outside, 'secret'), 'top secret');
    await fsp.mkdir(path.join(f.outside, 'dir'));
    outsideBefore = await tree(f.base);
  });
  afterEach(async () => {
    const outside = (await tree(f.base)).filter((p) => !p.startsWith('root/'));
    expect(outside).toEqual(outsideBefore.filter((p) => !p.startsWith('root/')));
    expect((await fsp.readFile(path.join(f.outside, 'secret'))).toString()).toBe('top secret');
    await disposeFixture(f);
  });

  const allOps = (key: string) => [
    f.backend.putObject(putInput(B, key, 'pwned')),
    f.backend.getObject({ bucket: B, key, conditions: {} }),
    f.backend.headObject({ bucket: B, key, conditions: {} }),
    f.backend.deleteObject({ bucket: B, key }),
  ];

  it.each([
    '../outside/secret',
    '../../outside/secret',
    'a/../../outside/secret',
    'a/../b',
    '..',
    '../',
    '.',
    './a',
    'a/./b',
    '/abs',
    '/',
    'a//b',
    '//a',
    'a/b//',
    '.sgwtmp',
    '.sgwtmp/',
    '.sgwtmp/multipart/x',
    'nul\0byte',
    'x/\0/y',
  ])('refuses %j with InvalidArgument on every operation', async (key) => {
    for (const op of allOps(key)) expect(await codeOf(op)).toBe('InvalidArgument');
  });

  it('KeyTooLongError above 1024 bytes (counted in UTF-8) or with a segment over 255 bytes', async () => {
    const ok = Array.from({ length: 5 }, () => 'k'.repeat(204)).join('/');
    expect(Buffer.byteLength(ok)).toBe(1024);
    await f.backend.putObject(putInput(B, ok, 'fine'));
    for (const key of [`${ok}x`, 'é'.repeat(513), 's'.repeat(256)]) {
      for (const op of allOps(key)) expect(await codeOf(op)).toBe('KeyTooLongError');
    }
  });

  it('a directory symlink pointing outside the bucket cannot be written, read or deleted through', async () => {
    await fsp.symlink(f.outside, path.join(f.root, B, 'link'));
    expect(await codeOf(f.backend.putObject(putInput(B, 'link/new', 'pwned')))).toBe('AccessDenied');
    expect(await codeOf(f.backend.putObject(putInput(B, 'link/dir/deeper/new', 'pwned')))).toBe('AccessDenied');
    expect(await codeOf(f.backend.putObject(putInput(B, 'link/dir/', '')))).toBe('AccessDenied');
    expect(await codeOf(f.backend.getObject({ bucket: B, key: 'link/secret', conditions: {} }))).toBe('NoSuchKey');
    expect(await codeOf(f.backend.headObject({ bucket: B, key: 'link/secret', conditions: {} }))).toBe('NoSuchKey');
    expect(await codeOf(f.backend.deleteObject({ bucket: B, key: 'link/secret' }))).toBe('AccessDenied');
    expect(await fsp.readdir(path.join(f.root, B, '.sgwtmp'))).toEqual([]);
  });

  it('a file symlink pointing outside is not served; DELETE and PUT replace the link, not its target', async () => {
    await fsp.symlink(path.join(f.outside, 'secret'), path.join(f.root, B, 'ln'));
    expect(await codeOf(f.backend.getObject({ bucket: B, key: 'ln', conditions: {} }))).toBe('NoSuchKey');
    await f.backend.putObject(putInput(B, 'ln', 'mine'));
    expect((await fsp.lstat(path.join(f.root, B, 'ln'))).isFile()).toBe(true);
    await fsp.unlink(path.join(f.root, B, 'ln'));
    await fsp.symlink(path.join(f.outside, 'secret'), path.join(f.root, B, 'ln'));
    await f.backend.deleteObject({ bucket: B, key: 'ln' });
    await expect(fsp.lstat(path.join(f.root, B, 'ln'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a bucket that is a symlink to outside the root is refused', async () => {
    await fsp.symlink(f.outside, path.join(f.root, 'evil'));
    expect(await codeOf(f.backend.putObject(putInput('evil', 'x', 'pwned')))).toBe('AccessDenied');
    expect(await codeOf(f.backend.getObject({ bucket: 'evil', key: 'secret', conditions: {} }))).toBe('AccessDenied');
    expect(await codeOf(f.backend.deleteObject({ bucket: 'evil', key: 'secret' }))).toBe('AccessDenied');
    expect(await codeOf(f.backend.listObjects({ bucket: 'evil', prefix: '', delimiter: '', marker: '', maxKeys: 10 }))).toBe('AccessDenied');
  });

  it('a bucket that is a symlink to the root itself is refused: its keys would be the other buckets', async () => {
    await f.backend.putObject(putInput(B, 'file', 'mine'));
    await fsp.symlink('.', path.join(f.root, 'loop'));
    expect(await codeOf(f.backend.getObject({ bucket: 'loop', key: `${B}/file`, conditions: {} }))).toBe('AccessDenied');
    expect(await codeOf(f.backend.headObject({ bucket: 'loop', key: `${B}/file`, conditions: {} }))).toBe('AccessDenied');
  });

  it("a symlink into another bucket is not served: an object is read only inside its own bucket", async () => {
    await f.backend.createBucket({ bucket: 'other', owner: OWNER });
    await f.backend.putObject(putInput('other', 'private', 'theirs'));
    await fsp.symlink(path.join('..', 'other', 'private'), path.join(f.root, B, 'peek'));
    expect(await codeOf(f.backend.getObject({ bucket: B, key: 'peek', conditions: {} }))).toBe('NoSuchKey');
    expect(await codeOf(f.backend.headObject({ bucket: B, key: 'peek', conditions: {} }))).toBe('NoSuchKey');
  });

  it('symlinks that stay inside the bucket are followed', async () => {
    await f.backend.putObject(putInput(B, 'real/file', 'inside'));
    await fsp.symlink('real', path.join(f.root, B, 'alias'));
    expect((await readAll((await f.backend.getObject({ bucket: B, key: 'alias/file', conditions: {} })).body)).toString()).toBe('inside');
    await f.backend.putObject(putInput(B, 'alias/other', 'via link'));
    expect((await fsp.readFile(path.join(f.root, B, 'real', 'other'))).toString()).toBe('via link');
  });
});
