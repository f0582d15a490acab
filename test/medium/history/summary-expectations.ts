import type { OperationStats } from '../../../src/journal/history/history-summary';
import { bucketLowerMs, bucketUpperMs, latencyBucket } from '../../../src/journal/history/latency-buckets';
import { LatencyHistogram } from '../../../src/journal/history/latency-histogram';
import type { OperationRecord } from '../../../src/journal/history/operation-record';

/**
 * What the summary must say of `rows` (those of one operation, or all): count, errors and bytes
 * exactly; each percentile within the bounds of the latency buckets (2 % wide) of the two rows
 * percentile_cont interpolates between, the exact percentile's own bounds. Not the exact value:
 * the summary reads percentiles from the per-minute histograms, and they from the buckets; and
 * precisely the value the histogram of the rows gives, however they were split between the
 * aggregate's whole minutes and the rows of the edge minutes.
 */
export function expectFiguresOf(stats: Omit<OperationStats, 'operation'> | null | undefined, rows: readonly OperationRecord[]): void {
  const sorted = rows.map((r) => r.durationMs).sort((a, b) => a - b);
  const histogram = new LatencyHistogram();
  for (const duration of sorted) histogram.addDuration(duration);
  expect(stats).toMatchObject({
    count: rows.length,
    errors: rows.filter((r) => r.httpStatus >= 400).length,
    bytesIn: rows.reduce((s, r) => s + r.bytesIn, 0),
    bytesOut: rows.reduce((s, r) => s + r.bytesOut, 0),
  });
  for (const [p, value] of [[50, stats?.p50Ms], [95, stats?.p95Ms], [99, stats?.p99Ms]] as const) {
    const rank = (p / 100) * (sorted.length - 1);
    expect(value).toBeGreaterThanOrEqual(bucketLowerMs(latencyBucket(sorted[Math.floor(rank)])) * (1 - 1e-9));
    expect(value).toBeLessThanOrEqual(bucketUpperMs(latencyBucket(sorted[Math.ceil(rank)])) * (1 + 1e-9));
    expect(value).toBeCloseTo(histogram.percentile(p), 9);
  }
}

