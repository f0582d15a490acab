import { compareKeys } from '../../../src/backends/posix/listing/key-order';
import { paginate, resolveEach } from '../../../src/backends/posix/listing/paginator';
import type { KeyCursor, ListEntry, ListPage, ListParams } from '../../../src/backends/posix/listing/paginator';
import { SortedArrayCursor } from '../../../src/backends/posix/listing/sorted-array-cursor';
import { byteCompare, pick, referenceList, rng, TRICKY_CHARS } from './s3-list-reference';
import type { ReferencePage } from './s3-list-reference';

/** Yields every key in order and ignores all hints: the paginator alone must get the page right. */
class NaiveCursor implements KeyCursor<ListEntry> {
  private index = 0;
  skipped: string[] = [];
  constructor(private readonly keys: readonly string[]) {}
  next(): Promise<ListEntry | undefined> {
    const key = this.keys[this.index++];
    return Promise.resolve(key === undefined ? undefined : { key });
  }
  skipPrefix(prefix: string): void {
    this.skipped.push(prefix);
  }
}

type CursorKind = 'naive' | 'seeking';

function cursorFor(kind: CursorKind, sortedKeys: string[], params: ListParams): KeyCursor<ListEntry> {
  return kind === 'naive' ? new NaiveCursor(sortedKeys) : new SortedArrayCursor(sortedKeys.map((key) => ({ key })), params);
}

async function listPage(kind: CursorKind, sortedKeys: string[], params: ListParams, gone = new Set<string>()): Promise<ListPage<string>> {
  return paginate(
    cursorFor(kind, sortedKeys, params),
    params,
    resolveEach((e) => Promise.resolve(gone.has(e.key) ? undefined : e.key), 3),
  );
}

function comparable(page: ListPage<string> | ReferencePage): unknown {
  return {
    objects: page.objects,
    commonPrefixes: page.commonPrefixes,
    isTruncated: page.isTruncated,
    nextMarker: page.nextMarker,
  };
}

const DELIMITERS = ['', '/', '/', '/', '-', '.', 'a', '/-', 'ab', '😀', '//'];

function randomKey(random: () => number): string {
  const parts = 1 + Math.floor(random() * 4);
  const segments: string[] = [];
  for (let i = 0; i < parts; i++) {
    segments.push(Array.from({ length: Math.floor(random() * 3) + (random() < 0.1 ? 0 : 1) }, () => pick(random, TRICKY_CHARS)).join(''));
  }
  // Keys are any non-empty strings: trailing '/', empty segments ('a//b') and a leading '/' all occur in S3.
  const key = segments.join('/') + (random() < 0.1 ? '/' : '');
  return key === '' ? 'x' : key;
}

/** A prefix or marker near the keys: a cut of a key, a cut plus noise, or pure noise. */
function nearKey(random: () => number, keys: string[]): string {
  const r = random();
  if (r < 0.15 || keys.length === 0) return '';
  // Cut at a code point: a lone surrogate is not valid UTF-8, so no request can carry one.
  const codePoints = Array.from(pick(random, keys));
  const cut = codePoints.slice(0, Math.floor(random() * (codePoints.length + 1))).join('');
  if (r < 0.7) return cut;
  if (r < 0.85) return cut + pick(random, [...TRICKY_CHARS, '/']);
  return randomKey(random);
}

function randomCase(random: () => number): { keys: string[]; params: ListParams } {
  const count = Math.floor(random() * 40);
  const keys = [...new Set(Array.from({ length: count }, () => randomKey(random)))].sort(byteCompare);
  const params: ListParams = {
    prefix: random() < 0.5 ? '' : nearKey(random, keys),
    delimiter: pick(random, DELIMITERS),
    marker: random() < 0.4 ? '' : nearKey(random, keys),
    maxKeys: pick(random, [0, 1, 1, 2, 3, 5, 8, 1000]),
  };
  return { keys, params };
}

describe('paginate against the brute-force S3 reference', () => {
  it.each<CursorKind>(['naive', 'seeking'])('returns the same page for 3,000 random cases (%s cursor)', async (kind) => {
    const random = rng(kind === 'naive' ? 10 : 11);
    for (let i = 0; i < 3000; i++) {
      const { keys, params } = randomCase(random);
      const page = await listPage(kind, keys, params);
      const expected = referenceList(keys, params);
      if (JSON.stringify(comparable(page)) !== JSON.stringify(comparable(expected))) {
        expect({ case: i, keys, params, page: comparable(page) }).toEqual({ case: i, keys, params, page: comparable(expected) });
      }
    }
  });

  it.each<CursorKind>(['naive', 'seeking'])('paginates to the end returning every entry exactly once (%s cursor)', async (kind) => {
    const random = rng(kind === 'naive' ? 20 : 21);
    for (let i = 0; i < 600; i++) {
      const { keys, params } = randomCase(random);
      const pageSize = Math.max(1, params.maxKeys % 7);
      const everything = referenceList(keys, { ...params, maxKeys: Number.MAX_SAFE_INTEGER }).entries;
      const seen: string[] = [];
      let marker = params.marker;
      for (let pages = 0; ; pages++) {
        expect(pages).toBeLessThanOrEqual(everything.length + 1);
        const page = await listPage(kind, keys, { ...params, marker, maxKeys: pageSize });
        expect(comparable(page)).toEqual(comparable(referenceList(keys, { ...params, marker, maxKeys: pageSize })));
        seen.push(...[...page.objects, ...page.commonPrefixes].sort(byteCompare));
        if (!page.isTruncated) break;
        marker = page.nextMarker ?? '';
        expect(marker).not.toBe('');
      }
      expect(seen).toEqual(everything);
    }
  });

  it('skips keys that vanish before they are resolved and still lists every survivor once', async () => {
    const random = rng(30);
    for (let i = 0; i < 400; i++) {
      const { keys, params } = randomCase(random);
      const gone = new Set(keys.filter(() => random() < 0.3));
      // CommonPrefixes are never resolved, so they come from every key, vanished or not.
      const everything = referenceList(keys, { ...params, maxKeys: Number.MAX_SAFE_INTEGER });
      const expected = [
        ...everything.objects.filter((k) => !gone.has(k)),
        ...everything.commonPrefixes,
      ].sort(byteCompare);
      const pageSize = 1 + Math.floor(random() * 4);
      const seen: string[] = [];
      let marker = params.marker;
      for (let pages = 0; ; pages++) {
        expect(pages).toBeLessThanOrEqual(keys.length + 1);
        const page = await listPage('seeking', keys, { ...params, marker, maxKeys: pageSize }, gone);
        expect(page.objects.length + page.commonPrefixes.length).toBeLessThanOrEqual(pageSize);
        expect(page.objects.every((k) => !gone.has(k))).toBe(true);
        seen.push(...[...page.objects, ...page.commonPrefixes].sort(byteCompare));
        if (!page.isTruncated) break;
        marker = page.nextMarker ?? '';
      }
      expect(seen).toEqual(expected);
    }
  });
});

describe('paginate: AWS semantics, case by case', () => {
  const keys = ['a/b/1', 'a/b/2', 'a/bc', 'a/c/1', 'a-c', 'a0', 'b'].sort(byteCompare);
  const list = (params: Partial<ListParams>): Promise<ListPage<string>> =>
    listPage('seeking', keys, { prefix: '', delimiter: '', marker: '', maxKeys: 1000, ...params });

  it('maxKeys 0 returns nothing and is not truncated', async () => {
    expect(await list({ maxKeys: 0 })).toEqual({ objects: [], commonPrefixes: [], isTruncated: false });
  });

  it('orders by bytes: a-c before a/…, a/… before a0', async () => {
    expect((await list({})).objects).toEqual(['a-c', 'a/b/1', 'a/b/2', 'a/bc', 'a/c/1', 'a0', 'b']);
  });

  it('a prefix need not end at a "/": a/b matches a/bc and a/b/…', async () => {
    expect(await list({ prefix: 'a/b', delimiter: '/' })).toEqual({ objects: ['a/bc'], commonPrefixes: ['a/b/'], isTruncated: false });
  });

  it('counts keys and CommonPrefixes together and sets nextMarker to the last of either', async () => {
    expect(await list({ prefix: 'a/', delimiter: '/', maxKeys: 2 })).toEqual({
      objects: ['a/bc'],
      commonPrefixes: ['a/b/'],
      isTruncated: true,
      nextMarker: 'a/bc',
    });
    expect(await list({ delimiter: '/', maxKeys: 2 })).toEqual({
      objects: ['a-c'],
      commonPrefixes: ['a/'],
      isTruncated: true,
      nextMarker: 'a/',
    });
  });

  it('does not repeat a CommonPrefix the marker has passed, nor one the marker points inside', async () => {
    expect((await list({ delimiter: '/', marker: 'a/' })).commonPrefixes).toEqual([]);
    expect(await list({ prefix: 'a/', delimiter: '/', marker: 'a/b/1' })).toEqual({
      objects: ['a/bc'],
      commonPrefixes: ['a/c/'],
      isTruncated: false,
    });
  });

  it('treats the marker as exclusive', async () => {
    expect((await list({ marker: 'a/bc' })).objects).toEqual(['a/c/1', 'a0', 'b']);
  });

  it('works with a delimiter other than "/"', async () => {
    expect(await list({ delimiter: '-' })).toEqual({ objects: ['a/b/1', 'a/b/2', 'a/bc', 'a/c/1', 'a0', 'b'], commonPrefixes: ['a-'], isTruncated: false });
    expect(await list({ delimiter: 'b' })).toEqual({ objects: ['a-c', 'a/c/1', 'a0'], commonPrefixes: ['a/b', 'b'], isTruncated: false });
  });

  it('is not truncated when the page ends exactly at the last entry', async () => {
    expect(await list({ maxKeys: keys.length })).toMatchObject({ isTruncated: false });
    expect(await list({ maxKeys: keys.length - 1 })).toMatchObject({ isTruncated: true, nextMarker: 'a0' });
  });
});

describe('paginate: what it reads', () => {
  const keysOf = (batch: readonly ListEntry[]): Promise<string[]> => Promise.resolve(batch.map((e) => e.key));

  it('pulls one entry past the page and resolves none past it', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const cursor = new NaiveCursor(keys);
    const pulled = jest.spyOn(cursor, 'next');
    const resolved: string[] = [];
    const page = await paginate(cursor, { prefix: '', delimiter: '', marker: '', maxKeys: 10 }, (batch) => {
      resolved.push(...batch.map((e) => e.key));
      return Promise.resolve(batch.map((e) => e.key));
    });
    expect(page.objects).toHaveLength(10);
    expect(page.isTruncated).toBe(true);
    expect(pulled).toHaveBeenCalledTimes(11);
    expect(resolved).toEqual(keys.slice(0, 10));
  });

  it('resolves a page in one batch, and only the replacements of vanished keys in another', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const gone = new Set(['k03', 'k07']);
    const batches: string[][] = [];
    const page = await paginate(new NaiveCursor(keys), { prefix: '', delimiter: '', marker: '', maxKeys: 10 }, (batch) => {
      batches.push(batch.map((e) => e.key));
      return Promise.resolve(batch.map((e) => (gone.has(e.key) ? undefined : e.key)));
    });
    expect(page.objects).toEqual(keys.slice(0, 12).filter((k) => !gone.has(k)));
    expect(batches).toEqual([keys.slice(0, 10), ['k10', 'k11']]);
  });

  it('stops reading once keys sort past the prefix', async () => {
    const keys = ['a', 'b1', 'b2', 'c', 'd', 'e'];
    const cursor = new NaiveCursor(keys);
    const pulled = jest.spyOn(cursor, 'next');
    await paginate(cursor, { prefix: 'b', delimiter: '', marker: '', maxKeys: 100 }, keysOf);
    expect(pulled).toHaveBeenCalledTimes(4);
  });

  it('tells the source which prefixes it rolled up', async () => {
    const cursor = new NaiveCursor(['a/1', 'a/2', 'b/1']);
    await paginate(cursor, { prefix: '', delimiter: '/', marker: '', maxKeys: 100 }, keysOf);
    expect(new Set(cursor.skipped)).toEqual(new Set(['a/', 'b/']));
  });

  it('bounds the resolves running at once', async () => {
    const keys = Array.from({ length: 50 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    let running = 0;
    let peak = 0;
    const page = await paginate(
      new NaiveCursor(keys),
      { prefix: '', delimiter: '', marker: '', maxKeys: 40 },
      resolveEach(async (e) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 1));
        running--;
        return e.key;
      }, 4),
    );
    expect(page.objects).toEqual(keys.slice(0, 40));
    expect(peak).toBe(4);
  });

  it('accepts a group entry standing for a whole CommonPrefix, without resolving it', async () => {
    const entries: ListEntry[] = [{ key: 'a' }, { key: 'b/', group: true }, { key: 'c' }];
    const resolved: string[] = [];
    const page = await paginate(new SortedArrayCursor(entries), { prefix: '', delimiter: '/', marker: '', maxKeys: 10 }, (batch) => {
      resolved.push(...batch.map((e) => e.key));
      return Promise.resolve(batch.map((e) => e.key));
    });
    expect(page).toEqual({ objects: ['a', 'c'], commonPrefixes: ['b/'], isTruncated: false });
    expect(resolved).toEqual(['a', 'c']);
  });

  it('rejects a group entry that forms no CommonPrefix, and keys out of order', async () => {
    const params = { prefix: '', delimiter: '', marker: '', maxKeys: 10 };
    await expect(paginate(new SortedArrayCursor([{ key: 'b/', group: true }]), params, keysOf)).rejects.toThrow(/group/);
    await expect(paginate(new NaiveCursor(['b', 'a']), params, keysOf)).rejects.toThrow(/out of order/);
  });

  it('propagates a resolve failure', async () => {
    const params = { prefix: '', delimiter: '', marker: '', maxKeys: 10 };
    await expect(paginate(new NaiveCursor(['a', 'b']), params, () => Promise.reject(new Error('EIO')))).rejects.toThrow('EIO');
    const failing = resolveEach<ListEntry, string>((e) => (e.key === 'b' ? Promise.reject(new Error('EIO')) : Promise.resolve(e.key)));
    await expect(paginate(new NaiveCursor(['a', 'b', 'c']), params, failing)).rejects.toThrow('EIO');
  });
});

describe('SortedArrayCursor', () => {
  it('seeks past the marker and jumps over a skipped prefix', async () => {
    const cursor = SortedArrayCursor.fromKeys(['a/1', 'a/2', 'a/3', 'b', 'c'], { prefix: '', marker: 'a/1' });
    expect((await cursor.next())?.key).toBe('a/2');
    cursor.skipPrefix('a/');
    expect((await cursor.next())?.key).toBe('b');
  });

  it('sorts by bytes, not UTF-16', async () => {
    const cursor = SortedArrayCursor.fromKeys(['😀', '\uFFFD']);
    expect([(await cursor.next())?.key, (await cursor.next())?.key]).toEqual(['\uFFFD', '😀']);
    expect(compareKeys('\uFFFD', '😀')).toBeLessThan(0);
  });
});
