import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

import type { ListObjectsInput, ListObjectsOutput } from '../../../src/backends/backend.types';
import { listObjectsPosix } from '../../../src/backends/posix/listing/list-objects-posix';
import type { ListObjectsPosixOptions } from '../../../src/backends/posix/listing/list-objects-posix';
import { encodeAcl } from '../../../src/backends/posix/acl-attr';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { XATTR } from '../../../src/backends/posix/posix-layout';
import type { NativeFs } from '../../../src/backends/posix/native.types';
import { referenceList } from '../../unit/listing/s3-list-reference';
import { BucketFixture } from './bucket-fixture';
import { ENTRY_READERS } from './native-variants';

/** What one listing touched: directories opened, entries stat'ed, xattrs read, and the thread-pool jobs of the entries' details. */
interface Touched {
  opened: string[];
  statted: string[];
  xattrs: string[];
  /** The attributes asked for: one name per getXattr, the names of each describeEntries call. */
  attributes: string[];
  detailCalls: number;
}

describe.each(ENTRY_READERS)('listObjectsPosix reads only what the page needs, %s', (reader, variant) => {
  let native: NativeFs;
  let fx: BucketFixture;

  beforeAll(() => {
    native = variant(loadNativeFs());
  });
  beforeEach(async () => {
    fx = await BucketFixture.create(native);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fx.dispose();
  });

  async function tracedList(params: Partial<ListObjectsInput>, options: ListObjectsPosixOptions = {}): Promise<{ out: ListObjectsOutput; touched: Touched }> {
    const touched: Touched = { opened: [], statted: [], xattrs: [], attributes: [], detailCalls: 0 };
    const rel = (p: string): string => path.relative(fx.dir, p);
    const opendir = fsp.opendir.bind(fsp);
    const lstat = fsp.lstat.bind(fsp);
    jest.spyOn(fsp, 'opendir').mockImplementation((p, o) => {
      touched.opened.push(rel(String(p)));
      return opendir(p, o);
    });
    jest.spyOn(fsp, 'lstat').mockImplementation(((p: string) => {
      touched.statted.push(rel(p));
      touched.detailCalls++;
      return lstat(p);
    }) as typeof fsp.lstat);
    const counting: NativeFs = {
      ...native,
      getXattr: (p, name) => {
        touched.xattrs.push(rel(p));
        touched.attributes.push(name);
        return native.getXattr(p, name);
      },
    };
    const readDirectory = native.readDirectory;
    if (readDirectory !== undefined) {
      counting.readDirectory = (p, limit) => {
        touched.opened.push(rel(p));
        return readDirectory(p, limit);
      };
    }
    const describe = native.describeEntries;
    if (describe !== undefined) {
      counting.describeEntries = async (paths, attribute) => {
        touched.detailCalls++;
        touched.attributes.push(...(typeof attribute === 'string' ? [attribute] : attribute));
        const found = await describe(paths, attribute);
        touched.statted.push(...paths.map(rel));
        // The addon reads the attribute of regular files only (kind 1).
        touched.xattrs.push(...paths.filter((_, i) => found.kinds[i] === 1).map(rel));
        return found;
      };
    }
    const out = await listObjectsPosix(fx.dir, counting, { bucket: 'bucket', prefix: '', delimiter: '', marker: '', maxKeys: 1000, ...params }, options);
    jest.restoreAllMocks();
    return { out, touched };
  }

  /** Files written directly (no xattr) to keep big fixtures fast; the listing then reports an empty etag. */
  async function bulkFiles(dir: string, count: number, name = (i: number): string => `f${String(i).padStart(6, '0')}`): Promise<string[]> {
    await fsp.mkdir(fx.pathOf(dir), { recursive: true });
    const keys = Array.from({ length: count }, (_, i) => path.posix.join(dir, name(i)));
    for (let i = 0; i < keys.length; i += 256) {
      await Promise.all(keys.slice(i, i + 256).map((k) => fsp.writeFile(fx.pathOf(k), '')));
    }
    keys.forEach((k) => fx.objects.set(k, { size: 0, etag: '' }));
    return keys;
  }

  it('with delimiter "/" and prefix "a/b/", opens only a/b (and probes each subdirectory once, without walking it)', async () => {
    await bulkFiles('a/b/sub1', 300);
    await bulkFiles('a/b/sub2', 5);
    await fx.file('a/b/x');
    await bulkFiles('a/other', 50);
    await bulkFiles('z', 50);
    const { out, touched } = await tracedList({ prefix: 'a/b/', delimiter: '/' });
    expect(out.commonPrefixes).toEqual(['a/b/sub1/', 'a/b/sub2/']);
    expect(out.objects.map((o) => o.key)).toEqual(['a/b/x']);
    expect(touched.opened.sort()).toEqual(['a/b', 'a/b/sub1', 'a/b/sub2']);
    expect(touched.statted).toEqual(['a/b/x']);
  });

  it('stops after maxKeys + 1 entries: a 10-key page of a 2,000-file directory stats 10 files', async () => {
    await bulkFiles('big', 2000);
    const { out, touched } = await tracedList({ prefix: 'big/', maxKeys: 10 });
    expect(out.objects.map((o) => o.key)).toEqual(fx.keys().slice(0, 10));
    expect(out).toMatchObject({ isTruncated: true, nextMarker: 'big/f000009' });
    expect(touched.statted).toHaveLength(10);
    // The directory the prefix names, to see whether it is itself the object 'big/', then the ten files.
    expect(touched.xattrs).toEqual(['big', ...fx.keys().slice(0, 10)]);
  });

  it('does not open directories wholly before the marker or outside the prefix', async () => {
    for (let d = 0; d < 20; d++) await bulkFiles(`d${String(d).padStart(2, '0')}`, 3);
    const { out, touched } = await tracedList({ marker: 'd15/f000001', maxKeys: 4 });
    expect(out.objects.map((o) => o.key)).toEqual(['d15/f000002', 'd16/f000000', 'd16/f000001', 'd16/f000002']);
    expect(touched.opened.sort()).toEqual(['', 'd15', 'd16', 'd17']);
  });

  it('rolls a subtree into one CommonPrefix with a single probe, not a walk, even for a delimiter other than "/"', async () => {
    await bulkFiles('logs-2024/jan', 100);
    await bulkFiles('logs-2024/feb', 100);
    await bulkFiles('logs-2025', 100);
    await bulkFiles('logs-2026', 100);
    const { out, touched } = await tracedList({ delimiter: '-' });
    expect(out.commonPrefixes).toEqual(['logs-']);
    expect(out.objects).toEqual([]);
    // The root, then the probe proving logs-2024/ holds an object (it has only subdirectories, so
    // the first one is opened too); logs-2025/ and logs-2026/ are skipped as part of 'logs-'.
    expect(touched.opened).toEqual(['', 'logs-2024', 'logs-2024/jan']);
    expect(touched.statted).toEqual([]);
  });

  it('streams a large flat directory through a bounded window and still pages it exactly', async () => {
    const keys = await bulkFiles('flat', 3000, (i) => `${(i * 7919) % 3000}`);
    const sorted = referenceList(keys, { prefix: '', delimiter: '', marker: '', maxKeys: 1e9 }).objects;
    const seen: string[] = [];
    let marker = '';
    let reads = 0;
    for (;;) {
      const { out, touched } = await tracedList({ marker, maxKeys: 700 });
      reads += touched.opened.filter((d) => d === 'flat').length;
      seen.push(...out.objects.map((o) => o.key));
      if (!out.isTruncated) break;
      marker = out.nextMarker ?? '';
    }
    expect(seen).toEqual(sorted);
    // The window is never smaller than a page: one read of the directory per page.
    expect(reads).toBe(5);
  });

  it('re-reads a directory window by window when a small window forces it, keeping the order', async () => {
    const keys = await bulkFiles('w', 250, (i) => `k${(i * 37) % 250}`);
    for (const windowSize of [1, 7, 100]) {
      const { out, touched } = await tracedList({ delimiter: '', maxKeys: 1000 }, { windowSize });
      expect(out.objects.map((o) => o.key)).toEqual(referenceList(keys, { prefix: '', delimiter: '', marker: '', maxKeys: 1000 }).objects);
      expect(touched.opened.filter((d) => d === 'w')).toHaveLength(Math.ceil(250 / windowSize));
    }
  });

  it('streams a directory larger than the whole-read limit through opendir, window by window, in order', async () => {
    const keys = await bulkFiles('s', 120, (i) => `k${(i * 37) % 120}`);
    const { out, touched } = await tracedList({}, { wholeReadLimit: 50, windowSize: 40 });
    expect(out.objects.map((o) => o.key)).toEqual(referenceList(keys, { prefix: '', delimiter: '', marker: '', maxKeys: 1000 }).objects);
    // With readDirectory, one attempt finds it too large; the three windows are then streamed.
    expect(touched.opened.filter((d) => d === 's')).toHaveLength(reader === ENTRY_READERS[0][0] ? 4 : 3);
  });

  it('reads the details of a 1,000-key page in one thread-pool job (with describeEntries) or one an entry', async () => {
    await bulkFiles('', 1000);
    const { out, touched } = await tracedList({});
    expect(out.objects).toHaveLength(1000);
    expect(touched.statted).toHaveLength(1000);
    expect(touched.detailCalls).toBe(reader === ENTRY_READERS[0][0] ? 1 : 1000);
    expect(touched.opened).toEqual(['']);
  });

  it("reads each object's own owner only with fetchOwner, beside its ETag: one job a page with describeEntries, one pass an entry without", async () => {
    await bulkFiles('', 100);
    await native.setXattr(fx.pathOf('f000007'), XATTR.acl, encodeAcl({ owner: 'BOBOWNER', grants: [] }));
    // A directory object's owner, which describeEntries does not read (it reads attributes of files only).
    await fsp.mkdir(fx.pathOf('g-dir'));
    await native.setXattr(fx.pathOf('g-dir'), XATTR.etag, Buffer.from('"d41d8cd98f00b204e9800998ecf8427e"'));
    await native.setXattr(fx.pathOf('g-dir'), XATTR.acl, encodeAcl({ owner: 'CAROL', grants: [] }));
    const plain = await tracedList({});
    expect(plain.touched.attributes).not.toContain(XATTR.acl);
    expect(plain.out.objects.filter((o) => o.owner !== undefined)).toEqual([]);

    const owned = await tracedList({ fetchOwner: true });
    expect(owned.out.objects.filter((o) => o.owner !== undefined).map((o) => [o.key, o.owner])).toEqual([
      ['f000007', 'BOBOWNER'],
      ['g-dir/', 'CAROL'],
    ]);
    // With describeEntries still one job (the directory object's owner read beside it); without, one pass for each of the 101 entries.
    expect(owned.touched.detailCalls).toBe(plain.touched.detailCalls);
    expect(owned.touched.detailCalls).toBe(reader === ENTRY_READERS[0][0] ? 1 : 101);
    expect(owned.touched.attributes.filter((name) => name === XATTR.acl)).toHaveLength(reader === ENTRY_READERS[0][0] ? 2 : 101);
  });

  it('lists a 1,000-key bucket quickly', async () => {
    for (let d = 0; d < 10; d++) await bulkFiles(`dir${d}`, 100);
    await listObjectsPosix(fx.dir, native, { bucket: 'bucket', prefix: '', delimiter: '', marker: '', maxKeys: 1000 });
    const started = process.hrtime.bigint();
    const out = await listObjectsPosix(fx.dir, native, { bucket: 'bucket', prefix: '', delimiter: '', marker: '', maxKeys: 1000 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(out.objects).toHaveLength(1000);
    expect(out.isTruncated).toBe(false);
    // Typically ~30-60 ms here; the bound only catches an accidental quadratic walk or serial I/O.
    expect(ms).toBeLessThan(1500);
  });
});
