import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { OWNER, codeOf, disposeFixture, type Fixture, makeFixture, putInput, tree } from './support';

const B = 'bucket';

describe('PosixBackend deleteObject', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
    await f.backend.createBucket({ bucket: B, owner: OWNER });
  });
  afterEach(async () => disposeFixture(f));

  const contents = async (): Promise<string[]> => (await tree(path.join(f.root, B))).filter((p) => !p.startsWith('.sgwtmp'));

  it('removes the file and the parents that only held it, never the bucket', async () => {
    await f.backend.putObject(putInput(B, 'a/b/c/file', 'x'));
    await f.backend.deleteObject({ bucket: B, key: 'a/b/c/file' });
    expect(await contents()).toEqual([]);
    expect((await fsp.stat(path.join(f.root, B))).isDirectory()).toBe(true);
    expect(await codeOf(f.backend.getObject({ bucket: B, key: 'a/b/c/file', conditions: {} }))).toBe('NoSuchKey');
  });

  it('stops at the first parent that still holds something', async () => {
    await f.backend.putObject(putInput(B, 'a/keep', 'x'));
    await f.backend.putObject(putInput(B, 'a/b/c/file', 'x'));
    await f.backend.deleteObject({ bucket: B, key: 'a/b/c/file' });
    expect(await contents()).toEqual(['a/', 'a/keep']);
  });

  it('stops at a directory object', async () => {
    await f.backend.putObject(putInput(B, 'a/', ''));
    await f.backend.putObject(putInput(B, 'a/b/file', 'x'));
    await f.backend.deleteObject({ bucket: B, key: 'a/b/file' });
    expect(await contents()).toEqual(['a/']);
  });

  it('succeeds for keys that do not exist, also under a file', async () => {
    await f.backend.putObject(putInput(B, 'file', 'x'));
    await f.backend.deleteObject({ bucket: B, key: 'absent' });
    await f.backend.deleteObject({ bucket: B, key: 'no/such/dir/key' });
    await f.backend.deleteObject({ bucket: B, key: 'file/under' });
    await f.backend.deleteObject({ bucket: B, key: 'file/' });
    expect(await contents()).toEqual(['file']);
  });

  it('`key` never deletes a directory; NoSuchBucket for a missing bucket', async () => {
    await f.backend.putObject(putInput(B, 'd/inner', 'x'));
    await f.backend.deleteObject({ bucket: B, key: 'd' });
    expect(await contents()).toEqual(['d/', 'd/inner']);
    expect(await codeOf(f.backend.deleteObject({ bucket: 'missing', key: 'k' }))).toBe('NoSuchBucket');
  });

  describe('directory objects', () => {
    it('an empty one is removed, with its empty parents', async () => {
      await f.backend.putObject(putInput(B, 'x/y/', ''));
      await f.backend.deleteObject({ bucket: B, key: 'x/y/' });
      expect(await contents()).toEqual([]);
    });

    it('a non-empty one stays as a plain directory and stops being an object', async () => {
      await f.backend.putObject(putInput(B, 'x/', '', { metadata: { contentType: 'a/b', userMetadata: { m: '1' } } }));
      await f.backend.putObject(putInput(B, 'x/child', 'c'));
      await f.backend.deleteObject({ bucket: B, key: 'x/' });
      expect(await contents()).toEqual(['x/', 'x/child']);
      expect(await f.native.listXattr(path.join(f.root, B, 'x'))).toEqual([]);
      expect(await codeOf(f.backend.headObject({ bucket: B, key: 'x/', conditions: {} }))).toBe('NoSuchKey');
      await f.backend.deleteObject({ bucket: B, key: 'x/child' });
      expect(await contents()).toEqual([]);
    });

    it('a plain directory that still holds things is left alone', async () => {
      await f.backend.putObject(putInput(B, 'p/child', 'c'));
      await f.backend.deleteObject({ bucket: B, key: 'p/' });
      expect(await contents()).toEqual(['p/', 'p/child']);
    });
  });
});
