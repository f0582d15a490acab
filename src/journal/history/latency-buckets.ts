/**
 * The fixed, log-spaced latency buckets of the per-minute history aggregate (migrations/0008).
 * Bucket 0 holds durations up to FLOOR_MS; bucket i > 0 holds (FLOOR_MS * GROWTH^(i-1),
 * FLOOR_MS * GROWTH^i]. Each bucket is 2 % wider than the one before, so a percentile read from
 * them is off by less than the width of the buckets it falls between: 2 % of the value, in either
 * direction, whatever the scale (a microsecond or an hour).
 *
 * Migration 0008 spells the same arithmetic in SQL to fill the aggregate from the rows already
 * there, and the summary uses LATENCY_BUCKET_SQL for the rows at a window's edges: the constants
 * here and there must agree (a test checks that the migration contains LATENCY_BUCKET_SQL).
 */
export const FLOOR_MS = 0.001;
export const GROWTH = 1.02;
/** The highest bucket: FLOOR_MS * GROWTH^2047 is far beyond any duration (over 10,000 years). */
export const MAX_BUCKET = 2047;

const LN_GROWTH = Math.log(GROWTH);

export function latencyBucket(durationMs: number): number {
  if (!(durationMs > FLOOR_MS)) return 0;
  return Math.min(MAX_BUCKET, Math.ceil(Math.log(durationMs / FLOOR_MS) / LN_GROWTH));
}

/** latencyBucket() in SQL, over the column `duration_ms`. */
export const LATENCY_BUCKET_SQL = `CASE WHEN duration_ms > ${FLOOR_MS} THEN min(${MAX_BUCKET}, CAST(ceil(ln(duration_ms / ${FLOOR_MS}) / ln(${GROWTH})) AS INTEGER)) ELSE 0 END`;

/** The smallest duration bucket `index` can hold (exclusive, but for bucket 0). */
export function bucketLowerMs(index: number): number {
  return index === 0 ? 0 : FLOOR_MS * GROWTH ** (index - 1);
}

/** The largest duration bucket `index` holds. */
export function bucketUpperMs(index: number): number {
  return FLOOR_MS * GROWTH ** index;
}
