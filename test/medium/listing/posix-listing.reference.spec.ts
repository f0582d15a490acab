import { listObjectsPosix } from '../../../src/backends/posix/listing/list-objects-posix';
import type { ListObjectsPosixOptions } from '../../../src/backends/posix/listing/list-objects-posix';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import type { NativeFs } from '../../../src/backends/posix/native.types';
import type { ListObjectsOutput } from '../../../src/backends/backend.types';
import { byteCompare, pick, randomName, referenceList, rng } from '../../unit/listing/s3-list-reference';
import type { ReferenceParams } from '../../unit/listing/s3-list-reference';
import { BucketFixture } from './bucket-fixture';
import { ENTRY_READERS, withoutListingCalls } from './native-variants';

// The walker against the brute-force reference, over real directory trees with real xattrs.
describe.each(ENTRY_READERS)('listObjectsPosix against the S3 reference on random trees, %s', (_reader, variant) => {
  let native: NativeFs;
  beforeAll(() => {
    native = variant(loadNativeFs());
  });

  async function randomTree(fx: BucketFixture, random: () => number, base: string, depth: number): Promise<string[]> {
    const dirs: string[] = [];
    const used = new Set<string>();
    const count = 1 + Math.floor(random() * 6);
    for (let i = 0; i < count; i++) {
      const name = randomName(random);
      if (used.has(name)) continue;
      used.add(name);
      const r = random();
      if (depth > 0 && r < 0.4) {
        const dirKey = `${base}${name}/`;
        dirs.push(dirKey);
        const kind = random();
        if (kind < 0.15) await fx.emptyDir(dirKey);
        else if (kind < 0.2) await fx.emptyDir(`${dirKey}${randomName(random)}/${randomName(random)}`);
        else {
          if (kind < 0.4) await fx.dirObject(dirKey);
          else await fx.emptyDir(dirKey);
          dirs.push(...(await randomTree(fx, random, dirKey, depth - 1)));
        }
      } else {
        await fx.file(`${base}${name}`, 'x'.repeat(Math.floor(random() * 20)), random() < 0.15 ? null : `e${i}`);
      }
    }
    return dirs;
  }

  function near(random: () => number, candidates: string[]): string {
    if (candidates.length === 0 || random() < 0.15) return '';
    const codePoints = Array.from(pick(random, candidates));
    const cut = codePoints.slice(0, Math.floor(random() * (codePoints.length + 1))).join('');
    return random() < 0.8 ? cut : cut + pick(random, ['-', '/', '0', 'a', '😀', '\uFFFD']);
  }

  function check(fx: BucketFixture, out: ListObjectsOutput, params: ReferenceParams, context: unknown): void {
    const expected = referenceList(fx.keys(), params);
    const got = {
      objects: out.objects.map((o) => o.key),
      commonPrefixes: out.commonPrefixes,
      isTruncated: out.isTruncated,
      nextMarker: out.nextMarker,
    };
    const want = {
      objects: expected.objects,
      commonPrefixes: expected.commonPrefixes,
      isTruncated: expected.isTruncated,
      nextMarker: expected.nextMarker,
    };
    if (JSON.stringify(got) !== JSON.stringify(want)) expect({ context, got }).toEqual({ context, got: want });
    for (const object of out.objects) {
      const model = fx.objects.get(object.key);
      expect({ key: object.key, size: object.size, etag: object.etag }).toEqual({ key: object.key, ...model });
      // fs.Stats dates come from Node's realm, not jest's: check the value, not the constructor.
      expect(Number.isFinite(object.lastModified.getTime())).toBe(true);
    }
  }

  it('matches the reference for random trees, prefixes, delimiters, markers, page and window sizes', async () => {
    const random = rng(100);
    for (let tree = 0; tree < 12; tree++) {
      const fx = await BucketFixture.create(native);
      try {
        const dirs = await randomTree(fx, random, '', 4);
        await fx.hiddenFile('.sgwtmp/multipart/abc/upload/1');
        await fx.emptyDir('.sgwtmp/empty');
        const candidates = [...fx.keys(), ...dirs];
        for (let c = 0; c < 60; c++) {
          const params: ReferenceParams = {
            prefix: random() < 0.4 ? '' : near(random, candidates),
            delimiter: pick(random, ['', '/', '/', '/', '-', '.', 'a', '/a', '😀']),
            marker: random() < 0.5 ? '' : near(random, candidates),
            maxKeys: pick(random, [0, 1, 2, 3, 7, 1000]),
          };
          const options: ListObjectsPosixOptions = {
            windowSize: pick(random, [undefined, 1, 2, 5]),
            lookahead: pick(random, [undefined, 1, 3]),
            concurrency: pick(random, [undefined, 1, 4]),
          };
          const out = await listObjectsPosix(fx.dir, native, { bucket: 'bucket', ...params }, options);
          check(fx, out, params, { tree, c, params, options, keys: [...fx.keys()].sort(byteCompare) });
        }
      } finally {
        await fx.dispose();
      }
    }
  });

  it('paginates random trees to the end, every entry exactly once, whatever the page size', async () => {
    const random = rng(200);
    for (let tree = 0; tree < 8; tree++) {
      const fx = await BucketFixture.create(native);
      try {
        const dirs = await randomTree(fx, random, '', 5);
        await fx.hiddenFile('.sgwtmp/x');
        for (let c = 0; c < 12; c++) {
          const base: ReferenceParams = {
            prefix: random() < 0.5 ? '' : near(random, dirs),
            delimiter: pick(random, ['', '/', '-']),
            marker: '',
            maxKeys: pick(random, [1, 2, 3, 10]),
          };
          const everything = referenceList(fx.keys(), { ...base, maxKeys: Number.MAX_SAFE_INTEGER }).entries;
          const seen: string[] = [];
          let marker = '';
          for (let pages = 0; ; pages++) {
            expect(pages).toBeLessThanOrEqual(everything.length + 1);
            const params = { ...base, marker };
            const out = await listObjectsPosix(fx.dir, native, { bucket: 'bucket', ...params }, { windowSize: pick(random, [undefined, 1, 3]) });
            check(fx, out, params, { tree, c, params });
            seen.push(...[...out.objects.map((o) => o.key), ...out.commonPrefixes].sort(byteCompare));
            if (!out.isTruncated) break;
            marker = out.nextMarker ?? '';
          }
          expect(seen).toEqual(everything);
        }
      } finally {
        await fx.dispose();
      }
    }
  });
});

describe("listObjectsPosix: the addon's listing calls and Node's fs agree", () => {
  it('gives the same pages, sizes, etags and dates to the millisecond on random trees', async () => {
    const native = loadNativeFs();
    const older = withoutListingCalls(native);
    const random = rng(300);
    for (let tree = 0; tree < 6; tree++) {
      const fx = await BucketFixture.create(native);
      try {
        await fillRandomly(fx, random);
        for (let c = 0; c < 10; c++) {
          const input = {
            bucket: 'bucket',
            prefix: '',
            delimiter: pick(random, ['', '/', '-']),
            marker: '',
            maxKeys: pick(random, [1, 3, 1000]),
          };
          const [fast, slow] = [await listObjectsPosix(fx.dir, native, input), await listObjectsPosix(fx.dir, older, input)];
          expect(fast.objects.length + fast.commonPrefixes.length).toBeGreaterThan(0);
          expect(fast).toEqual(slow);
        }
      } finally {
        await fx.dispose();
      }
    }
  });
});

/** Files (with and without etags, some through symlinks) and directory objects a few levels deep. */
async function fillRandomly(fx: BucketFixture, random: () => number): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const dir = pick(random, ['', 'a/', 'a/b/', 'c-d/', '😀/']);
    const name = `${dir}${randomName(random)}${i}`;
    const r = random();
    if (r < 0.1) await fx.dirObject(`${name}/`);
    else if (r < 0.2) await fx.symlink(name, fx.pathOf(`a/${randomName(random)}target${i}`));
    else await fx.file(name, 'x'.repeat(Math.floor(random() * 50)), random() < 0.2 ? null : `etag${i}`);
  }
  for (let i = 0; i < 5; i++) await fx.file(`a/target${i}`, 'linked');
  await fx.symlink('to-a-file', fx.pathOf('a/target0'));
}

