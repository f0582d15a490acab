import { compareKeys, entrySortName } from '../../../src/backends/posix/listing/key-order';
import { byteCompare, pick, randomName, rng, TRICKY_CHARS } from './s3-list-reference';

const sign = (n: number): number => Math.sign(n);

describe('compareKeys (UTF-8 byte order)', () => {
  it.each([
    ['\uFFFD', '😀'],
    ['\uE000', '😀'],
    ['\uFFFF', '\u{10000}'],
    ['a-c', 'a/b'],
    ['a.c', 'a/b'],
    ['a/b', 'a0'],
    ['A', 'a'],
    ['a b', 'a+b'],
    ['a+b', 'a-b'],
    ['a', 'a-'],
    ['a', 'ab'],
    ['', 'a'],
    ['z', 'é'],
    ['中', '😀'],
  ])('%j sorts before %j, as in UTF-8', (low, high) => {
    expect(byteCompare(low, high)).toBeLessThan(0);
    expect(compareKeys(low, high)).toBeLessThan(0);
    expect(compareKeys(high, low)).toBeGreaterThan(0);
  });

  it('differs from JavaScript string order exactly where UTF-16 and UTF-8 disagree', () => {
    // U+FFFD is one UTF-16 unit (0xFFFD) above a surrogate (0xD83D), but its UTF-8 (EF BF BD) is below F0 9F 98 80.
    expect('\uFFFD' > '😀').toBe(true);
    expect(compareKeys('\uFFFD', '😀')).toBeLessThan(0);
  });

  it('agrees with Buffer.compare on 20,000 random pairs of tricky strings', () => {
    const random = rng(1);
    const mismatches: unknown[] = [];
    for (let i = 0; i < 20000; i++) {
      const a = Array.from({ length: Math.floor(random() * 6) }, () => pick(random, [...TRICKY_CHARS, '/'])).join('');
      const b = random() < 0.3 ? a + pick(random, TRICKY_CHARS) : Array.from({ length: Math.floor(random() * 6) }, () => pick(random, [...TRICKY_CHARS, '/'])).join('');
      if (sign(compareKeys(a, b)) !== sign(byteCompare(a, b))) mismatches.push([a, b]);
    }
    expect(mismatches).toEqual([]);
  });

  it('returns 0 only for equal strings', () => {
    expect(compareKeys('a/😀', 'a/😀')).toBe(0);
    expect(compareKeys('', '')).toBe(0);
  });
});

/** An in-memory file tree: a name maps to a file (null) or a directory (a nested tree, maybe a directory object). */
interface Tree {
  entries: Map<string, Tree | null>;
  isObject: boolean;
}

function randomTree(random: () => number, depth: number): Tree {
  const tree: Tree = { entries: new Map(), isObject: random() < 0.2 };
  const count = Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const name = randomName(random);
    if (tree.entries.has(name)) continue;
    tree.entries.set(name, depth > 0 && random() < 0.4 ? randomTree(random, depth - 1) : null);
  }
  return tree;
}

/** The walk the posix lister does: depth-first, each directory sorted by entrySortName, a directory object before its contents. */
function walk(tree: Tree, base: string, out: string[]): string[] {
  const sorted = [...tree.entries].sort(([a, x], [b, y]) => compareKeys(entrySortName(a, x !== null), entrySortName(b, y !== null)));
  for (const [name, child] of sorted) {
    if (child === null) {
      out.push(base + name);
      continue;
    }
    const dirKey = base + entrySortName(name, true);
    if (child.isObject) out.push(dirKey);
    walk(child, dirKey, out);
  }
  return out;
}

describe('a depth-first walk sorted by entrySortName', () => {
  it('emits keys in S3 byte order for the classic trap: a-c, a/b, a0', () => {
    const tree: Tree = {
      isObject: false,
      entries: new Map<string, Tree | null>([
        ['a0', null],
        ['a', { isObject: true, entries: new Map([['b', null]]) }],
        ['a-c', null],
        ['a.d', null],
      ]),
    };
    expect(walk(tree, '', [])).toEqual(['a-c', 'a.d', 'a/', 'a/b', 'a0']);
  });

  it('emits every key of 500 random trees in byte order', () => {
    const random = rng(2);
    for (let i = 0; i < 500; i++) {
      const keys = walk(randomTree(random, 4), '', []);
      const sorted = [...keys].sort(byteCompare);
      expect(keys).toEqual(sorted);
    }
  });

  it('would not with plain name order (why directories sort as name + "/")', () => {
    const names = ['a', 'a-c'];
    const plain = [...names].sort(compareKeys).map((n) => (n === 'a' ? 'a/b' : n));
    expect(plain).toEqual(['a/b', 'a-c']);
    expect(byteCompare('a-c', 'a/b')).toBeLessThan(0);
  });
});
