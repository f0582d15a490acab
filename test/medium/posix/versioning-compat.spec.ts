import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { PosixBackend } from '../../../src/backends/posix';
import { codeOf, disposeFixture, type Fixture, makeFixture, putInput, readAll } from './support';

const B = 'shared';
const KEY = 'logs/app.log';
// ULIDs as VersityGW's oklog/ulid writes them, the older first.
const OLDER = '01HQ0000000000000000000000';
const NEWER = '01HQ0000010000000000000000';
const MARKER = '01HQ0000020000000000000000';

/**
 * A versioned bucket laid out by hand exactly as VersityGW's posix backend leaves it (backend/posix/
 * posix.go: `user.versioning` on the bucket, `user.version-id` and `user.delete-marker` on files,
 * older versions under <versioning dir>/<bucket>/<sha256 path>/<id>), served by tracegw.
 */
describe('a versioned tree written by VersityGW, served by the posix backend', () => {
  let f: Fixture;
  let backend: PosixBackend;
  let versions: string;
  beforeEach(async () => {
    f = await makeFixture();
    versions = path.join(f.base, 'versions');
    backend = new PosixBackend(f.root, f.native, { versioningDir: versions });
    await backend.createBucket({ bucket: B, owner: 'OWNER' });
  });
  afterEach(async () => {
    await backend.close();
    await disposeFixture(f);
  });

  const keyDir = () => {
    const sum = createHash('sha256').update(KEY).digest('hex');
    return path.join(versions, B, sum.slice(0, 2), sum.slice(2, 4), sum.slice(4, 6), sum);
  };
  async function file(at: string, data: string, attrs: Record<string, string>, mtime: Date): Promise<void> {
    await fsp.mkdir(path.dirname(at), { recursive: true });
    await fsp.writeFile(at, data);
    for (const [name, value] of Object.entries(attrs)) await f.native.setXattr(at, name, Buffer.from(value));
    await fsp.utimes(at, mtime, mtime);
  }
  const etag = (data: string) => `"${createHash('md5').update(data).digest('hex')}"`;

  /** Null version (written before versioning), two ULID versions, and a delete marker that kept the data it hid, as VersityGW's do. */
  async function versityTree(): Promise<void> {
    await f.native.setXattr(path.join(f.root, B), 'user.versioning', Buffer.from([1]));
    await file(path.join(keyDir(), 'null'), 'null data', { 'user.etag': etag('null data') }, new Date('2024-01-01T00:00:00Z'));
    await file(path.join(keyDir(), OLDER), 'older', { 'user.etag': etag('older'), 'user.version-id': OLDER }, new Date('2024-02-01T00:00:00Z'));
    await file(path.join(keyDir(), NEWER), 'newer', { 'user.etag': etag('newer'), 'user.version-id': NEWER }, new Date('2024-03-01T00:00:00Z'));
    await file(path.join(f.root, B, KEY), 'newer', { 'user.etag': etag('newer'), 'user.version-id': MARKER, 'user.delete-marker': '' }, new Date('2024-04-01T00:00:00Z'));
  }

  it('reads the status, lists every version newest first, hides the marked key, serves each version', async () => {
    await versityTree();
    expect(await backend.getBucketVersioning({ bucket: B })).toEqual({ status: 'Enabled' });
    const listed = await backend.listObjectVersions({ bucket: B, prefix: '', delimiter: '', keyMarker: '', maxKeys: 1000 });
    expect(listed.versions.map((v) => [v.versionId, v.isLatest, v.deleteMarker ?? false])).toEqual([
      [MARKER, true, true],
      [NEWER, false, false],
      [OLDER, false, false],
      ['null', false, false],
    ]);
    expect((await backend.listObjects({ bucket: B, prefix: '', delimiter: '', marker: '', maxKeys: 1000 })).objects).toEqual([]);
    expect(await codeOf(backend.getObject({ bucket: B, key: KEY, conditions: {} }))).toBe('NoSuchKey');
    expect(await codeOf(backend.getObject({ bucket: B, key: KEY, versionId: MARKER, conditions: {} }))).toBe('MethodNotAllowed');
    const older = await backend.getObject({ bucket: B, key: KEY, versionId: OLDER, conditions: {} });
    expect([(await readAll(older.body)).toString(), older.info.versionId, older.info.etag]).toEqual(['older', OLDER, etag('older').slice(1, -1)]);
    expect((await readAll((await backend.getObject({ bucket: B, key: KEY, versionId: 'null', conditions: {} })).body)).toString()).toBe('null data');
  });

  it('removing the marker by its id makes the newest older version the latest again', async () => {
    await versityTree();
    expect(await backend.deleteObject({ bucket: B, key: KEY, versionId: MARKER })).toEqual({ versionId: MARKER, deleteMarker: true });
    const latest = await backend.getObject({ bucket: B, key: KEY, conditions: {} });
    expect([(await readAll(latest.body)).toString(), latest.info.versionId]).toEqual(['newer', NEWER]);
    expect((await fsp.readdir(keyDir())).sort()).toEqual([OLDER, 'null'].sort());
  });

  it('writes what VersityGW reads: the version id on the new file, the old one linked under its id', async () => {
    await versityTree();
    const { versionId } = await backend.putObject(putInput(B, KEY, 'from tracegw'));
    expect((await f.native.getXattr(path.join(f.root, B, KEY), 'user.version-id'))?.toString()).toBe(versionId);
    expect(await f.native.getXattr(path.join(f.root, B, KEY), 'user.delete-marker')).toBeUndefined();
    // The marker it replaced is an older version now, with its attributes.
    expect(await f.native.getXattr(path.join(keyDir(), MARKER), 'user.delete-marker')).toEqual(Buffer.alloc(0));
  });
});
