import type { NativeFs } from '../../../src/backends/posix/native.types';

/**
 * `native` as an addon built before the listing calls: the listing streams directories through
 * opendir and stats and reads xattrs entry by entry.
 */
export function withoutListingCalls(native: NativeFs): NativeFs {
  const { describeEntries: _describe, readDirectory: _read, ...older } = native;
  return older;
}

/**
 * The two ways a listing reads directories and entries, for tests that must hold for both: a
 * readDirectory call a directory and a describeEntries call a page (the addon as built), and
 * opendir plus an lstat and an xattr read an entry.
 */
export const ENTRY_READERS: ReadonlyArray<[string, (native: NativeFs) => NativeFs]> = [
  ['with readDirectory and describeEntries', (native) => native],
  ['through opendir, lstat and getXattr', withoutListingCalls],
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
