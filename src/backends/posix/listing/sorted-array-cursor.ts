import { compareKeys } from './key-order';
import type { KeyCursor, ListEntry, ListHints } from './paginator';

/**
 * A KeyCursor over entries already sorted in S3 order (a backend that gets a flat listing, or a
 * test). Seeks with binary search to the prefix and marker, and jumps over skipped prefixes, so a
 * page costs O(page · log n) whatever the number of keys.
 */
export class SortedArrayCursor<E extends ListEntry> implements KeyCursor<E> {
  private index: number;

  constructor(
    private readonly entries: readonly E[],
    hints: Pick<ListHints, 'prefix' | 'marker'> = { prefix: '', marker: '' },
  ) {
    const start = compareKeys(hints.marker, hints.prefix) > 0 ? hints.marker : hints.prefix;
    this.index = this.lowerBound(start);
    if (start === hints.marker && start !== '' && this.entries[this.index]?.key === start) this.index++;
  }

  /** Sorts keys (any order, duplicates dropped) into plain entries. */
  static fromKeys(keys: Iterable<string>, hints?: Pick<ListHints, 'prefix' | 'marker'>): SortedArrayCursor<ListEntry> {
    const sorted = [...new Set(keys)].sort(compareKeys).map((key) => ({ key }));
    return new SortedArrayCursor(sorted, hints);
  }

  next(): Promise<E | undefined> {
    return Promise.resolve(this.entries[this.index++]);
  }

  skipPrefix(prefix: string): void {
    // Keys starting with `prefix` are contiguous; the first one after them is the first key
    // that both sorts after `prefix` and does not start with it.
    let lo = this.index;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const key = this.entries[mid].key;
      if (key.startsWith(prefix) || compareKeys(key, prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.index = lo;
  }

  /** First index whose key is >= `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.entries[mid].key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
