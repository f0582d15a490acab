import { bucketLowerMs, bucketUpperMs, latencyBucket, MAX_BUCKET } from './latency-buckets';

/**
 * The stored form of a histogram (operation_history_minutes.latency): one entry per bucket that
 * holds a duration, in bucket order, each its index (uint16) then its count (uint32), big-endian.
 * Six bytes a bucket: SQL can write it too (migrations/0008: unhex of printf('%04X%08X')), and it
 * decodes without parsing text.
 */
const ENTRY_BYTES = 6;

/** Counts of durations by latency bucket (latency-buckets.ts), merged and read as percentiles. */
export class LatencyHistogram {
  private readonly counts = new Float64Array(MAX_BUCKET + 1);
  /** The lowest and highest bucket holding a duration; low > high while empty. */
  private low = MAX_BUCKET + 1;
  private high = -1;
  private total = 0;

  get count(): number {
    return this.total;
  }

  addDuration(durationMs: number): void {
    this.addToBucket(latencyBucket(durationMs), 1);
  }

  /** A negative count takes durations away (only ever ones added before). */
  addToBucket(index: number, count: number): void {
    this.counts[index] += count;
    this.total += count;
    if (index < this.low) this.low = index;
    if (index > this.high) this.high = index;
  }

  /**
   * Adds a histogram in its stored form (takes it away with sign -1: the summary takes the rows
   * of a minute outside its window from the minute's histogram). The summary of a long window runs this over every bucket
   * of every minute in it (about a million entries for a day), so the bytes are read by hand and
   * the range is set once: the entries are in bucket order.
   */
  addEncoded(stored: Buffer, sign: 1 | -1 = 1): void {
    const end = stored.length - (stored.length % ENTRY_BYTES);
    if (end === 0) return;
    const { counts } = this;
    let added = 0;
    for (let at = 0; at < end; at += ENTRY_BYTES) {
      const count = sign * (stored[at + 2] * 0x1000000 + ((stored[at + 3] << 16) | (stored[at + 4] << 8) | stored[at + 5]));
      counts[(stored[at] << 8) | stored[at + 1]] += count;
      added += count;
    }
    this.total += added;
    this.low = Math.min(this.low, (stored[0] << 8) | stored[1]);
    this.high = Math.max(this.high, (stored[end - ENTRY_BYTES] << 8) | stored[end - ENTRY_BYTES + 1]);
  }

  addHistogram(other: LatencyHistogram): void {
    for (let index = other.low; index <= other.high; index++) {
      if (other.counts[index] > 0) this.addToBucket(index, other.counts[index]);
    }
  }

  encode(): Buffer {
    let buckets = 0;
    for (let index = this.low; index <= this.high; index++) if (this.counts[index] > 0) buckets++;
    const stored = Buffer.allocUnsafe(buckets * ENTRY_BYTES);
    let at = 0;
    for (let index = this.low; index <= this.high; index++) {
      if (this.counts[index] === 0) continue;
      stored.writeUInt16BE(index, at);
      stored.writeUInt32BE(this.counts[index], at + 2);
      at += ENTRY_BYTES;
    }
    return stored;
  }

  /**
   * The p-th percentile as percentile_cont (SQLite's percentile()) gives it over the durations,
   * linear between the two nearest ranks, each rank's duration estimated within its bucket as if
   * the bucket's durations were spread evenly over it. So the answer lies between the lower bound
   * of the bucket of the duration just below the rank and the upper bound of that just above it,
   * as the exact percentile does. NaN when empty.
   */
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const rank = (p / 100) * (this.total - 1);
    const below = Math.floor(rank);
    const atBelow = this.valueAtRank(below);
    if (rank === below) return atBelow;
    return atBelow + (this.valueAtRank(below + 1) - atBelow) * (rank - below);
  }

  /** The estimated duration of the rank-th smallest (0-based). */
  private valueAtRank(rank: number): number {
    let before = 0;
    for (let index = this.low; index <= this.high; index++) {
      const count = this.counts[index];
      if (rank < before + count) {
        const lower = bucketLowerMs(index);
        return lower + (bucketUpperMs(index) - lower) * ((rank - before + 0.5) / count);
      }
      before += count;
    }
    return bucketUpperMs(this.high);
  }
}
