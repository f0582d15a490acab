import { HistorySummaryQuery } from '../../../src/journal/history/history-summary';
import type { OperationRecord } from '../../../src/journal/history/operation-record';
import { sampleRecord } from '../../unit/admin/sample-record';
import { openHistory, type HistoryFixture } from './history-fixture';

const T0 = Date.parse('2025-06-01T12:00:00.000Z');

/** percentile_cont, as SQLite's percentile(): linear between the two nearest ranks. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

describe('HistorySummaryQuery', () => {
  let fx: HistoryFixture;
  let rows: OperationRecord[];
  beforeEach(() => {
    fx = openHistory();
    rows = [
      ...Array.from({ length: 200 }, (_, i) =>
        sampleRecord({ operation: 'GetObject', durationMs: (i * 37) % 101, bytesOut: 4096, httpStatus: i % 20 === 0 ? 404 : 200, startedAt: T0 + i }),
      ),
      ...Array.from({ length: 30 }, (_, i) =>
        sampleRecord({ operation: 'PutObject', durationMs: 10 + i, bytesIn: 1000 + i, bytesOut: 0, httpStatus: i === 0 ? 500 : 200, startedAt: T0 + i }),
      ),
      sampleRecord({ operation: null, durationMs: 0.1, bytesOut: 0, httpStatus: 405, startedAt: T0 }),
      // Outside the window on both sides.
      sampleRecord({ operation: 'GetObject', durationMs: 9999, startedAt: T0 - 1 }),
      sampleRecord({ operation: 'DeleteObject', durationMs: 9999, startedAt: T0 + 3_600_000 }),
    ];
    fx.repository.insertMany(rows);
  });
  afterEach(() => fx.close());

  it('gives count, errors, bytes and p50/p95/p99 per operation over the window, busiest first', () => {
    const summary = new HistorySummaryQuery(fx.journal).summarize({ from: T0, to: T0 + 3_600_000 });
    const inWindow = rows.filter((r) => r.startedAt >= T0 && r.startedAt < T0 + 3_600_000);
    const expected = (operation: string | null) => {
      const of = inWindow.filter((r) => r.operation === operation);
      const durations = of.map((r) => r.durationMs);
      return {
        operation,
        count: of.length,
        errors: of.filter((r) => r.httpStatus >= 400).length,
        bytesIn: of.reduce((s, r) => s + r.bytesIn, 0),
        bytesOut: of.reduce((s, r) => s + r.bytesOut, 0),
        p50Ms: expect.closeTo(percentile(durations, 50), 6),
        p95Ms: expect.closeTo(percentile(durations, 95), 6),
        p99Ms: expect.closeTo(percentile(durations, 99), 6),
      };
    };
    expect(summary.operations).toEqual([expected('GetObject'), expected('PutObject'), expected(null)]);
    expect(summary.operations[0]).toMatchObject({ count: 200, errors: 10, bytesOut: 200 * 4096 });
    expect(summary.total).toMatchObject({ count: 231, errors: 12 });
  });

  it('gives no rows and no total for an empty window', () => {
    expect(new HistorySummaryQuery(fx.journal).summarize({ from: T0 - 10_000, to: T0 - 5_000 })).toEqual({
      from: T0 - 10_000,
      to: T0 - 5_000,
      operations: [],
      total: null,
    });
  });
});
