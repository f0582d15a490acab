import { compareKeys } from './key-order';
import { createLimiter } from './limiter';

/** What a ListObjects request asks for, backend-neutral. */
export interface ListParams {
  prefix: string;
  /** '' for none; any string, not only '/'. */
  delimiter: string;
  /** Exclusive: entries (keys or common prefixes) at or before it are not returned. '' for none. */
  marker: string;
  maxKeys: number;
}

/** One item a key source yields. */
export interface ListEntry {
  readonly key: string;
  /**
   * The entry stands for a non-empty group of keys that all start with `key` and all fall into
   * the same CommonPrefix as `key` does (a source proves the group non-empty without listing it).
   * It must never be returned as an object: the paginator throws if `key` maps to no CommonPrefix.
   */
  readonly group?: boolean;
}

/**
 * A forward-only source of keys in S3 order (UTF-8 byte order, strictly ascending). It may yield
 * keys outside the prefix or at or before the marker: the paginator filters; the hints given when
 * the source was opened only let it prune.
 */
export interface KeyCursor<E extends ListEntry> {
  next(): Promise<E | undefined>;
  /** A hint: no key starting with `prefix` is wanted any more (it became a CommonPrefix). */
  skipPrefix(prefix: string): void;
}

/** Pruning hints a source may use; correctness never depends on them. */
export interface ListHints {
  prefix: string;
  delimiter: string;
  marker: string;
  /** The paginator never pulls more than this many entries that it returns or counts. */
  limit: number;
}

export interface ListPage<T> {
  objects: T[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned, when truncated. */
  nextMarker?: string;
}

/** Details of a key; undefined when the key vanished after the source yielded it (a concurrent delete). */
export type ResolveEntry<E, T> = (entry: E) => Promise<T | undefined>;

/**
 * Details of a batch of keys, one result per entry in the same order (undefined: it vanished).
 * The paginator hands over every object of a page at once, so a backend can read them all in
 * one call instead of one call per key.
 */
export type ResolveEntries<E, T> = (entries: readonly E[]) => Promise<ReadonlyArray<T | undefined>>;

type Slot<E> = { kind: 'object'; entry: E } | { kind: 'prefix'; prefix: string };

const DEFAULT_CONCURRENCY = 16;

/**
 * A batch resolver made of a per-key one, running at most `concurrency` at once (each is
 * typically a stat and an xattr read, and a page's thousand at once would flood libuv's pool).
 */
export function resolveEach<E, T>(resolve: ResolveEntry<E, T>, concurrency = DEFAULT_CONCURRENCY): ResolveEntries<E, T> {
  const limit = createLimiter(concurrency);
  // Promise.all settles on the first failure and still handles the others' rejections.
  return (entries) => Promise.all(entries.map((entry) => limit(() => resolve(entry))));
}

export function listHints(params: ListParams): ListHints {
  return { prefix: params.prefix, delimiter: params.delimiter, marker: params.marker, limit: params.maxKeys + 1 };
}

/**
 * One page of ListObjects over any ordered key source: applies prefix, delimiter, marker and
 * maxKeys with AWS's semantics. Keys and CommonPrefixes count together towards maxKeys, a
 * CommonPrefix at or before the marker is not returned again, and the source is read only until
 * one entry past the page is known (IsTruncated) — nothing past it is pulled or resolved.
 */
export async function paginate<E extends ListEntry, T>(
  cursor: KeyCursor<E>,
  params: ListParams,
  resolve: ResolveEntries<E, T>,
  /** Whether a CommonPrefix holds anything to list (a versioned bucket's may hold only delete markers); all do without it. */
  keepPrefix?: (prefix: string) => Promise<boolean>,
): Promise<ListPage<T>> {
  const page: ListPage<T> = { objects: [], commonPrefixes: [], isTruncated: false };
  if (params.maxKeys <= 0) return page;

  const entries = new EntryStream(cursor, params);
  let returned = 0;
  let last: string | undefined;

  for (;;) {
    // Pull what the page still lacks, then resolve its objects together.
    const batch: Slot<E>[] = [];
    const objects: E[] = [];
    let exhausted = false;
    while (returned + batch.length < params.maxKeys) {
      const item = await entries.next();
      if (item === undefined) {
        exhausted = true;
        break;
      }
      if (typeof item === 'string') {
        batch.push({ kind: 'prefix', prefix: item });
        continue;
      }
      batch.push({ kind: 'object', entry: item });
      objects.push(item);
    }
    const values = objects.length > 0 ? await resolve(objects) : [];
    let resolved = 0;
    for (const slot of batch) {
      if (slot.kind === 'prefix') {
        // A prefix with nothing to list is left out, as a vanished key is: the loop pulls a replacement.
        if (keepPrefix !== undefined && !(await keepPrefix(slot.prefix))) continue;
        page.commonPrefixes.push(slot.prefix);
        last = slot.prefix;
        returned++;
        continue;
      }
      const value = values[resolved++];
      // A key deleted since it was seen is left out; the loop pulls a replacement.
      if (value === undefined) continue;
      page.objects.push(value);
      last = slot.entry.key;
      returned++;
    }
    if (exhausted) break;
    if (returned >= params.maxKeys) {
      // The entry past the page is not resolved: if it vanished meanwhile, the next page is merely empty.
      page.isTruncated = (await entries.next()) !== undefined;
      break;
    }
  }
  if (page.isTruncated) page.nextMarker = last;
  return page;
}

/** Turns raw keys into page entries: an object (E) or a CommonPrefix (string), each once, in order. */
class EntryStream<E extends ListEntry> {
  private lastKey: string | undefined;
  private lastPrefix: string | undefined;
  private done = false;

  constructor(
    private readonly cursor: KeyCursor<E>,
    private readonly params: ListParams,
  ) {}

  async next(): Promise<E | string | undefined> {
    const { prefix, delimiter, marker } = this.params;
    while (!this.done) {
      const entry = await this.cursor.next();
      if (entry === undefined) break;
      const key = entry.key;
      if (this.lastKey !== undefined && compareKeys(key, this.lastKey) <= 0) {
        throw new Error(`key source out of order: ${JSON.stringify(key)} after ${JSON.stringify(this.lastKey)}`);
      }
      this.lastKey = key;

      if (!key.startsWith(prefix)) {
        // Keys are ascending: once one sorts after the prefix without matching it, none later can.
        if (compareKeys(key, prefix) > 0) this.done = true;
        continue;
      }
      const cut = delimiter === '' ? -1 : key.indexOf(delimiter, prefix.length);
      if (cut >= 0) {
        const commonPrefix = key.slice(0, cut + delimiter.length);
        this.cursor.skipPrefix(commonPrefix);
        if (commonPrefix === this.lastPrefix) continue;
        this.lastPrefix = commonPrefix;
        // Every key of a CommonPrefix sorts at or after it, so one at or before the marker was
        // returned by an earlier page (or the marker points inside it): AWS does not repeat it.
        if (marker !== '' && compareKeys(commonPrefix, marker) <= 0) continue;
        return commonPrefix;
      }
      if (entry.group) {
        throw new Error(`key source yielded group ${JSON.stringify(key)} that forms no CommonPrefix`);
      }
      if (marker !== '' && compareKeys(key, marker) <= 0) continue;
      return entry;
    }
    this.done = true;
    return undefined;
  }
}
