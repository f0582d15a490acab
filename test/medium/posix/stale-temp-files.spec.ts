import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { removeStaleTempFiles } from '../../../src/backends/posix/stale-temp-files';
import { OWNER, disposeFixture, type Fixture, makeFixture, tree } from './support';

describe('removeStaleTempFiles', () => {
  let f: Fixture;
  const hex = 'ab'.repeat(32);
  beforeEach(async () => {
    f = await makeFixture();
    await f.backend.createBucket({ bucket: 'one', owner: OWNER });
    await f.backend.createBucket({ bucket: 'two', owner: OWNER });
  });
  afterEach(async () => disposeFixture(f));

  it('removes named temp files of interrupted PUTs in every bucket, and nothing else', async () => {
    const tmp1 = path.join(f.root, 'one', '.sgwtmp');
    const tmp2 = path.join(f.root, 'two', '.sgwtmp');
    await fsp.writeFile(path.join(tmp1, `${hex}.1234567`), 'partial');
    await fsp.writeFile(path.join(tmp2, `${hex}.9f8e7d6c5b4a3921`), 'partial');
    await fsp.writeFile(path.join(tmp2, 'not-ours.txt'), 'keep');
    const part = path.join(tmp1, 'multipart', hex, 'upload-id');
    await fsp.mkdir(part, { recursive: true });
    await fsp.writeFile(path.join(part, '1'), 'part');
    await fsp.writeFile(path.join(tmp1, 'multipart', `${hex}.123`), 'inside multipart');
    await fsp.writeFile(path.join(f.root, 'one', `${hex}.1`), 'an object that looks like a temp name');
    await fsp.mkdir(path.join(f.root, 'no-tmp-dir'));

    const removed = await removeStaleTempFiles(f.root);
    expect(removed.sort()).toEqual([path.join(tmp1, `${hex}.1234567`), path.join(tmp2, `${hex}.9f8e7d6c5b4a3921`)]);
    expect(await tree(tmp1)).toEqual(['multipart/', `multipart/${hex}.123`, `multipart/${hex}/`, `multipart/${hex}/upload-id/`, `multipart/${hex}/upload-id/1`]);
    expect(await tree(tmp2)).toEqual(['not-ours.txt']);
    expect(await fsp.readFile(path.join(f.root, 'one', `${hex}.1`), 'utf8')).toBe('an object that looks like a temp name');
  });

  it('spares files younger than olderThanMs (another gateway may still be writing them)', async () => {
    const file = path.join(f.root, 'one', '.sgwtmp', `${hex}.42`);
    await fsp.writeFile(file, 'in flight');
    expect(await removeStaleTempFiles(f.root, { olderThanMs: 60_000 })).toEqual([]);
    expect(await removeStaleTempFiles(f.root, { olderThanMs: 60_000, now: new Date(Date.now() + 120_000) })).toEqual([file]);
  });

  it('empties .sgwtmp/removing: upload directories whose background deletion a crash cut short', async () => {
    const removing = path.join(f.root, 'one', '.sgwtmp', 'removing');
    const retired = path.join(removing, '6f9619ff-8b86-d011-b42d-00cf4fc964ff.0a1b2c3d');
    await fsp.mkdir(retired, { recursive: true });
    await fsp.writeFile(path.join(retired, '1'), 'part');
    await fsp.writeFile(path.join(retired, '2'), 'part');
    expect(await removeStaleTempFiles(f.root, { olderThanMs: 60_000 })).toEqual([retired]);
    expect(await tree(removing)).toEqual([]);
  });
});
