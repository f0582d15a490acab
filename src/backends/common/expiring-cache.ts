/**
 * Values that are read on every request but change rarely (a bucket's owner, a bucket's open
 * directory), kept for a bounded time: whoever changes one in this process forgets it at once; a
 * change made by another worker or gateway on the shared file system is seen within `ttlMs`.
 * Failures are not kept, so a bucket created elsewhere is found on the next request. Bounded in
 * entries: the oldest go first. `dispose` lets go of a value the cache drops (a descriptor to
 * close), whether it expired, was pushed out, forgotten or cleared.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
    private readonly dispose?: (value: V) => void,
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expires > this.now()) return entry.value;
    // Loaded before the clock is read: a slow load must not stretch the value's life.
    const value = await load();
    this.keep(key, value);
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
    if (value === undefined) this.forget(key);
    else this.keep(key, value);
    return value;
  }

  forget(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.dispose?.(entry.value);
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) this.forget(key);
  }

  private keep(key: K, value: V): void {
    this.forget(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.forget(oldest.value);
    }
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
  }
}
