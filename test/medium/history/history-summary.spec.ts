import { HistorySummaryQuery } from '../../../src/journal/history/history-summary';
import type { OperationRecord } from '../../../src/journal/history/operation-record';
import { sampleRecord } from '../../unit/admin/sample-record';
import { openHistory, type HistoryFixture } from './history-fixture';
import { expectFiguresOf } from './summary-expectations';

const T0 = Date.parse('2025-06-01T12:00:00.000Z');
const MINUTE = 60_000;

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
    expect(summary.operations.map((op) => op.operation)).toEqual(['GetObject', 'PutObject', null]);
    for (const stats of summary.operations) expectFiguresOf(stats, inWindow.filter((r) => r.operation === stats.operation));
    expectFiguresOf(summary.total, inWindow);
    expect(summary.operations[0]).toMatchObject({ count: 200, errors: 10, bytesOut: 200 * 4096 });
    expect(summary.total).toMatchObject({ count: 231, errors: 12 });
  });

  // An edge minute the window holds at most half of is read from its rows; one it holds more of,
  // from the minute's aggregate less its rows outside the window.
  it('counts a window with partial minutes at both edges exactly: the edge minutes from rows (read or taken away), the whole minutes from the aggregate', () => {
    // Five minutes after the first fill, a row every 250 ms, each with its own duration.
    const spread = Array.from({ length: 5 * 240 }, (_, i) =>
      sampleRecord({ operation: i % 3 === 0 ? 'PutObject' : 'HeadObject', durationMs: 0.2 + ((i * 7919) % 1000) / 7, bytesIn: i, bytesOut: 2 * i, httpStatus: i % 11 === 0 ? 503 : 200, startedAt: T0 + 10 * MINUTE + i * 250 }),
    );
    // An operation seen only in the first seconds of a minute that a window holds most of.
    const early = [1000, 2000].map((at) => sampleRecord({ operation: 'DeleteObject', durationMs: 3, startedAt: T0 + 12 * MINUTE + at }));
    fx.repository.insertMany([...spread, ...early]);
    const all = [...rows, ...spread, ...early];
    const query = new HistorySummaryQuery(fx.journal);
    for (const window of [
      { from: T0 + 10 * MINUTE + 20_250, to: T0 + 13 * MINUTE + 41_000 }, // partial, 2 whole, partial
      { from: T0 + 11 * MINUTE, to: T0 + 12 * MINUTE + 1 }, // whole, then 1 ms of the next
      { from: T0 + 12 * MINUTE + 5_000, to: T0 + 12 * MINUTE + 50_000 }, // inside one minute, most of it
      { from: T0 + 12 * MINUTE + 1_500, to: T0 + 12 * MINUTE + 20_000 }, // inside one minute, a third of it
      { from: T0 + 9 * MINUTE + 59_999, to: T0 + 15 * MINUTE }, // 1 ms, then whole minutes to the end
      { from: T0 + 14 * MINUTE + 10_000, to: T0 + 14 * MINUTE + 59_751 }, // ending just after the last row
    ]) {
      const inWindow = all.filter((r) => r.startedAt >= window.from && r.startedAt < window.to);
      const summary = query.summarize(window);
      expect(summary.operations.map((op) => op.operation).sort()).toEqual([...new Set(inWindow.map((r) => r.operation))].sort());
      for (const stats of summary.operations) expectFiguresOf(stats, inWindow.filter((r) => r.operation === stats.operation));
      expectFiguresOf(summary.total, inWindow);
    }
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
