/**
 * Values that are read on every request but change rarely (a bucket's owner), kept for a bounded
 * time: whoever changes one in this process forgets it at once; a change made by another worker
 * or gateway on the shared file system is seen within `ttlMs`. Failures are not kept, so a bucket
 * created elsewhere is found on the next request. Bounded in entries: the oldest go first.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: K, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expires > this.now()) return entry.value;
    // Loaded before the clock is read: a slow load must not stretch the value's life.
    const value = await load();
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    return value;
  }

  forget(key: K): void {
    this.entries.delete(key);
  }
}
