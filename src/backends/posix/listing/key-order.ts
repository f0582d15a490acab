/**
 * S3 orders keys by their UTF-8 bytes. JavaScript compares strings by UTF-16 code units, which
 * disagrees for characters above U+FFFF: they are stored as surrogates (0xD800-0xDFFF) and so
 * sort below U+E000-U+FFFF in UTF-16, but above them in UTF-8. UTF-8 byte order is code point
 * order, so remapping the code unit at the first difference is enough; no Buffer is allocated,
 * which matters when a million directory entries are compared.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      return codePointRank(x) - codePointRank(y);
    }
  }
  return a.length - b.length;
}

/** Surrogates move above U+FFFF's code units; U+E000-U+FFFF move down into the freed range. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * The key under which a directory entry sorts among its siblings. Every key below directory `d`
 * starts with `d/`, so sorting directories as `name + '/'` makes a depth-first walk emit keys in
 * S3 order ('a-c' < 'a/b' because '-' is 0x2D and '/' is 0x2F, although 'a' < 'a-c').
 */
export function entrySortName(name: string, isDirectory: boolean): string {
  return isDirectory ? `${name}/` : name;
}
