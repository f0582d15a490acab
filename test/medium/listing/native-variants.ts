import type { NativeFs } from '../../../src/backends/posix/native.types';

/** `native` as an addon built before describeEntries: the listing stats and reads xattrs entry by entry. */
export function withoutDescribeEntries(native: NativeFs): NativeFs {
  const { describeEntries: _unused, ...older } = native;
  return older;
}

/**
 * The two ways a listing reads its entries, for tests that must hold for both: one
 * describeEntries call a page (the addon as built), and an lstat plus an xattr read an entry.
 */
export const ENTRY_READERS: ReadonlyArray<[string, (native: NativeFs) => NativeFs]> = [
  ['one describeEntries call a page', (native) => native],
  ['an lstat and an xattr read an entry', withoutDescribeEntries],
];

/**
 * `native` with `before(path)` awaited just before an entry's details are read, by whichever of
 * the two ways it reads them (and before every other xattr read): how a test stages a race.
 */
export function beforeEntryReads(native: NativeFs, before: (path: string) => Promise<void>): NativeFs {
  const describe = native.describeEntries;
  const racing: NativeFs = {
    ...native,
    getXattr: async (p, name) => {
      await before(p);
      return native.getXattr(p, name);
    },
  };
  if (describe !== undefined) {
    racing.describeEntries = async (paths, attribute) => {
      for (const p of paths) await before(p);
      return describe(paths, attribute);
    };
  }
  return racing;
}
