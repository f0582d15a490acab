/**
 * Values that are read on every request but change rarely (a bucket's owner, a bucket's open
 * directory), kept for a bounded time: whoever changes one in this process forgets it at once; a
 * change made by another worker or gateway on the shared file system is seen within `ttlMs`.
 * Failures are not kept, so a bucket created elsewhere is found on the next request; nor is a
 * value whose load began before a forget of the cache ended it (it may predate the change the
 * forget announced). Bounded in
 * entries: the oldest go first. `dispose` lets go of a value the cache drops (a descriptor to
 * close), whether it expired, was pushed out, forgotten or cleared.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  /** Counts the forgets and clears: a load that saw it move may hold what a change replaced. */
  private forgets = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
    private readonly dispose?: (value: V) => void,
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expires > this.now()) return entry.value;
    const forgetsBefore = this.forgets;
    // Loaded before the clock is read: a slow load must not stretch the value's life.
    const value = await load();
    if (this.forgets === forgetsBefore) this.keep(key, value);
    return value;
  }

  /** The value when it is held and fresh, else undefined: a lookup without a promise, for the hottest paths. */
  peek(key: K): V | undefined {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.expires > this.now() ? entry.value : undefined;
  }

  /** The same for a value loaded synchronously; `load` answering undefined keeps nothing. */
  getSync(key: K, load: () => V | undefined): V | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expires > this.now()) return entry.value;
    const value = load();
    if (value === undefined) this.drop(key);
    else this.keep(key, value);
    return value;
  }

  forget(key: K): void {
    this.forgets += 1;
    this.drop(key);
  }

  clear(): void {
    this.forgets += 1;
    for (const key of [...this.entries.keys()]) this.drop(key);
  }

  private drop(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.dispose?.(entry.value);
  }

  private keep(key: K, value: V): void {
    this.drop(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.drop(oldest.value);
    }
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
  }
}
