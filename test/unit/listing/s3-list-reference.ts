/**
 * S3 ListObjects semantics by brute force, written from AWS's documentation and nothing shared
 * with the implementation: sort every key by UTF-8 bytes, keep those with the prefix, map each to
 * itself or its CommonPrefix, keep the distinct entries after the marker, cut at maxKeys.
 */
export interface ReferenceParams {
  prefix: string;
  delimiter: string;
  marker: string;
  maxKeys: number;
}

export interface ReferencePage {
  objects: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextMarker?: string;
  /** Objects and CommonPrefixes in the order S3 returns them. */
  entries: string[];
}

export function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function referenceList(keys: Iterable<string>, params: ReferenceParams): ReferencePage {
  const sorted = [...new Set(keys)].sort(byteCompare);
  const all: Array<{ name: string; isPrefix: boolean }> = [];
  for (const key of sorted) {
    if (!key.startsWith(params.prefix)) continue;
    const rest = key.slice(params.prefix.length);
    const at = params.delimiter === '' ? -1 : rest.indexOf(params.delimiter);
    const entry =
      at >= 0
        ? { name: params.prefix + rest.slice(0, at + params.delimiter.length), isPrefix: true }
        : { name: key, isPrefix: false };
    if (params.marker !== '' && byteCompare(entry.name, params.marker) <= 0) continue;
    const last = all[all.length - 1];
    if (last && last.isPrefix && entry.isPrefix && last.name === entry.name) continue;
    all.push(entry);
  }
  const max = Math.max(0, params.maxKeys);
  const page = all.slice(0, max);
  const isTruncated = all.length > max && max > 0;
  return {
    objects: page.filter((e) => !e.isPrefix).map((e) => e.name),
    commonPrefixes: page.filter((e) => e.isPrefix).map((e) => e.name),
    isTruncated,
    ...(isTruncated ? { nextMarker: page[page.length - 1].name } : {}),
    entries: page.map((e) => e.name),
  };
}

/** A small seeded PRNG (mulberry32), so a failing random case can be replayed from its seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/**
 * Characters whose byte order is easy to get wrong: '-' (0x2D) and '.' (0x2E) sort just before
 * '/' (0x2F), '0' and '+' and ' ' around it, upper case before lower case, U+FFFD and U+E000
 * below astral characters in UTF-8 but above them in UTF-16.
 */
export const TRICKY_CHARS = ['a', 'b', 'ab', 'A', 'B', '-', '.', '0', '9', '+', ' ', '_', '~', 'é', 'ü', '\uFFFD', '\uE000', '😀', '𝄞', '中'];

/** A random path-component name that a file system accepts (not '.', '..', nor containing '/'). */
export function randomName(random: () => number, maxParts = 3): string {
  for (;;) {
    const parts = 1 + Math.floor(random() * maxParts);
    let name = '';
    for (let i = 0; i < parts; i++) name += pick(random, TRICKY_CHARS);
    if (name !== '.' && name !== '..') return name;
  }
}
