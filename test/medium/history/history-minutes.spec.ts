// Medium: the per-minute aggregate (migrations/0008) on a real journal file, written by the
// repository's batches, by one process or two.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openJournal } from '../../../src/journal/open-journal';
import { HistoryRepository } from '../../../src/journal/history/history.repository';
import { bucketLowerMs, bucketUpperMs, latencyBucket, LATENCY_BUCKET_SQL } from '../../../src/journal/history/latency-buckets';
import type { OperationRecord } from '../../../src/journal/history/operation-record';
import { sampleRecord } from '../../unit/admin/sample-record';
import { openHistory, type HistoryFixture } from './history-fixture';
import { minuteRows, minuteRowsOf } from './minute-rows';

const T0 = Date.parse('2025-06-01T12:00:00.000Z');

/** Row i: four operations (one unknown), some errors, durations from 0 to about 6 s, 3 rows a second. */
function row(i: number, overrides: Partial<OperationRecord> = {}): OperationRecord {
  return sampleRecord({
    requestId: `R${i}`,
    operation: ['GetObject', 'PutObject', null, 'HeadObject'][i % 4],
    httpStatus: i % 9 === 0 ? 403 : 200,
    bytesIn: i % 4 === 1 ? 1000 + i : 0,
    bytesOut: i % 4 === 0 ? 4096 : 0,
    durationMs: i % 50 === 0 ? 0 : ((i * 7919) % 6007) ** 2 / 6000,
    startedAt: T0 + Math.floor(i / 3) * 1000,
    ...overrides,
  });
}

describe('the per-minute aggregate of the history', () => {
  let fx: HistoryFixture;
  beforeEach(() => {
    fx = openHistory({ segments: { rows: 100, spanMs: Infinity } });
  });
  afterEach(() => fx.close());

  it('holds, per minute and operation (unknown included), the count, errors, bytes and latency buckets of the rows written', () => {
    // 500 rows over about three minutes, in batches of 37 that cross minutes and segments.
    const rows = Array.from({ length: 500 }, (_, i) => row(i));
    for (let at = 0; at < rows.length; at += 37) fx.repository.insertMany(rows.slice(at, at + 37));
    const stored = minuteRows(fx.journal);
    expect(stored).toEqual(minuteRowsOf(rows));
    expect(stored.map((r) => r.minute)).toContain(Math.floor(T0 / 60_000) + 2);
    expect(stored.filter((r) => r.operation === null).map((r) => r.count)).toEqual([45, 45, 35]);
  });

  it('files each duration in the 2 %-wide bucket that bounds it', () => {
    for (const duration of [0, 0.0005, 0.001, 0.0011, 0.5, 1, 1.5, 99.9, 12_345.678, 3_600_000]) {
      const bucket = latencyBucket(duration);
      expect(duration).toBeGreaterThanOrEqual(bucketLowerMs(bucket));
      expect(duration).toBeLessThanOrEqual(bucketUpperMs(bucket) * (1 + 1e-12));
      if (bucket > 1) expect(bucketUpperMs(bucket) / bucketLowerMs(bucket)).toBeCloseTo(1.02, 12);
    }
  });

  it('adds two writers\' batches into the same minute rows (two repositories on one journal file, as --workers)', () => {
    const other = openJournal(fx.journal.path);
    try {
      const otherRepository = new HistoryRepository(other, { segments: { rows: 100, spanMs: Infinity } });
      const rows = Array.from({ length: 300 }, (_, i) => row(i, { startedAt: T0 + (i % 60) * 1000 }));
      // Interleaved batches, every one into the same minute.
      for (let at = 0; at < rows.length; at += 25) (at % 50 === 0 ? fx.repository : otherRepository).insertMany(rows.slice(at, at + 25));
      const stored = minuteRows(fx.journal);
      expect(stored).toEqual(minuteRowsOf(rows));
      expect(stored.map((r) => [r.operation, r.count])).toEqual([
        ['GetObject', 75],
        ['HeadObject', 75],
        ['PutObject', 75],
        [null, 75],
      ]);
    } finally {
      other.close();
    }
  });

  it('writes nothing of a batch that fails: rows and aggregate together or neither', () => {
    fx.repository.insertMany([row(1)]);
    const before = minuteRows(fx.journal);
    // The second row breaks a constraint of the history table (NOT NULL trace id).
    expect(() => fx.repository.insertMany([row(2), row(3, { traceId: null as unknown as string })])).toThrow();
    expect(minuteRows(fx.journal)).toEqual(before);
  });

  it('buckets in SQL (migration 0008, the summary\'s edge rows) as in TypeScript', () => {
    const migration = readFileSync(resolve(__dirname, '../../../migrations/0008_operation_history_minutes.sql'), 'utf8');
    expect(migration).toContain(LATENCY_BUCKET_SQL);
    const inSql = fx.journal.db.prepare(`SELECT ${LATENCY_BUCKET_SQL} FROM (SELECT ? AS duration_ms)`).pluck();
    for (let i = 0; i < 2000; i++) {
      const duration = i === 0 ? 0 : 1e-4 * 1.013 ** i;
      expect([duration, inSql.get(duration)]).toEqual([duration, latencyBucket(duration)]);
    }
  });
});
