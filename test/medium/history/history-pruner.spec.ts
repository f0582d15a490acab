import { HistoryPruner } from '../../../src/journal/history/history-pruner';
import { sampleRecord } from '../../unit/admin/sample-record';
import { openHistory, rowCount, segmentRanges, type HistoryFixture } from './history-fixture';
import { minuteRows, minuteRowsOf } from './minute-rows';

const NOW = Date.parse('2025-06-30T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 86_400_000;

// Retention drops whole segments: here a segment closes at 24 ids, so with one batch a day each
// segment is one day of rows, one an hour.
describe('HistoryPruner', () => {
  let fx: HistoryFixture;
  beforeEach(() => {
    fx = openHistory({ segments: { rows: 24, spanMs: Infinity }, now: () => NOW });
  });
  afterEach(() => fx.close());

  /** One row per hour over the last `days` days, oldest first (so ids follow time), a batch a day. */
  function fill(days: number): void {
    const hours = days * 24;
    for (let from = 0; from < hours; from += 24) {
      fx.repository.insertMany(Array.from({ length: 24 }, (_, n) => sampleRecord({ requestId: `R${from + n}`, startedAt: NOW - (hours - from - n) * HOUR })));
    }
  }
  const one = <T>(sql: string) => fx.journal.db.prepare(sql).pluck().get() as T;
  const tables = () => fx.journal.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'operation_history_[0-9]*' ORDER BY rowid").pluck().all();

  it('drops the segments whose every row is past the age limit, and keeps one only partly past it', async () => {
    fill(10);
    expect(segmentRanges(fx.journal)).toHaveLength(10);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 3.5 * DAY, maxRows: 0 }, { now: () => NOW });
    // Days 0-5 are wholly older than 3.5 days; day 6 runs from 96 h to 73 h ago.
    expect(await pruner.prune()).toEqual({ byAge: 6 * 24, byCount: 0 });
    expect(rowCount(fx.journal)).toBe(4 * 24);
    expect(one<number>('SELECT min(started_at) FROM operation_history')).toBe(NOW - 96 * HOUR);
    expect(one<number>('SELECT min(max_started_at) FROM operation_history_segments')).toBeGreaterThanOrEqual(NOW - 3.5 * DAY);
    expect(tables()).toEqual(['operation_history_7', 'operation_history_8', 'operation_history_9', 'operation_history_10']);
    expect(await pruner.prune()).toEqual({ byAge: 0, byCount: 0 });
  });

  it('drops the segments wholly outside the newest rows beyond the row limit, and never reuses their ids', async () => {
    fill(5);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 0, maxRows: 50 }, { now: () => NOW });
    // Ids 1-120 in segments of 24: ids 71-120 are the newest 50, so 49-72 stays whole.
    expect(await pruner.prune()).toEqual({ byAge: 0, byCount: 48 });
    expect(segmentRanges(fx.journal)).toEqual([
      [3, 49, 72],
      [4, 73, 96],
      [5, 97, 120],
    ]);
    expect(rowCount(fx.journal)).toBe(72);
    fx.repository.insertMany([sampleRecord({ requestId: 'next' })]);
    expect(one<number>('SELECT max(id) FROM operation_history')).toBe(121);
    expect(fx.repository.find(121)?.requestId).toBe('next');
    expect(fx.repository.find(48)).toBeUndefined();
  });

  it('applies both limits in one pass', async () => {
    fill(4);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 2 * DAY, maxRows: 10 }, { now: () => NOW });
    // Days 0-1 by age; day 2 by count (ids 49-72, the newest 10 being 87-96); day 3 holds them.
    expect(await pruner.prune()).toEqual({ byAge: 48, byCount: 24 });
    expect(rowCount(fx.journal)).toBe(24);
  });

  it('drops the current segment too once all of it is past the age limit, and writes on into a new one', async () => {
    fill(2);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: HOUR / 2, maxRows: 0 }, { now: () => NOW });
    expect(await pruner.prune()).toEqual({ byAge: 48, byCount: 0 });
    expect(rowCount(fx.journal)).toBe(0);
    expect(segmentRanges(fx.journal)).toEqual([[3, 49, null]]);
    fx.repository.insertMany([sampleRecord({ requestId: 'after', startedAt: NOW })]);
    expect(segmentRanges(fx.journal)).toEqual([[3, 49, 49]]);
    expect(fx.repository.list({}, { limit: 10 }).map((row) => [row.id, row.requestId])).toEqual([[49, 'after']]);
  });

  it('deletes the per-minute aggregate of the dropped rows: every minute older than the oldest row left', async () => {
    fill(10);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 3.5 * DAY, maxRows: 0 }, { now: () => NOW });
    await pruner.prune();
    const left = fx.repository.list({}, { limit: 1000 });
    expect(left).toHaveLength(4 * 24);
    expect(minuteRows(fx.journal)).toEqual(minuteRowsOf(left));
    // Every row past the limit: the aggregate empties with the history.
    await new HistoryPruner(fx.journal, { maxAgeMs: HOUR / 2, maxRows: 0 }, { now: () => NOW }).prune();
    expect(rowCount(fx.journal)).toBe(0);
    expect(minuteRows(fx.journal)).toEqual([]);
  });

  it('keeps the minute of the oldest row left whole, with the rows of it that a dropped segment held', async () => {
    const minute = NOW - DAY;
    // Segment 1: 24 rows, its last 10 s into `minute`; segment 2: 24 rows from 20 s into it on.
    const first = Array.from({ length: 24 }, (_, n) => sampleRecord({ requestId: `A${n}`, startedAt: minute + 10_000 - (23 - n) * 60_000 }));
    const second = Array.from({ length: 24 }, (_, n) => sampleRecord({ requestId: `B${n}`, startedAt: minute + 20_000 + n * 60_000 }));
    fx.repository.insertMany(first);
    fx.repository.insertMany(second);
    expect(await new HistoryPruner(fx.journal, { maxAgeMs: 0, maxRows: 24 }, { now: () => NOW }).prune()).toEqual({ byAge: 0, byCount: 24 });
    const [boundary, ...rest] = minuteRows(fx.journal);
    expect(boundary).toEqual(minuteRowsOf([first[23], second[0]])[0]);
    expect(rest).toEqual(minuteRowsOf(second.slice(1)));
  });

  it('lets other work run between two segments', async () => {
    fill(4);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 1, maxRows: 0 }, { now: () => NOW });
    const running = pruner.prune();
    // What a request arriving meanwhile would see: the prune is under way, not done in one go.
    const seenMidway = await new Promise<number>((resolve) => setImmediate(() => resolve(rowCount(fx.journal))));
    await running;
    expect(seenMidway).toBeLessThan(96);
    expect(seenMidway).toBeGreaterThan(0);
    expect(rowCount(fx.journal)).toBe(0);
  });

  it('does nothing when both limits are off, and stops between segments when asked', async () => {
    fill(3);
    const off = new HistoryPruner(fx.journal, { maxAgeMs: 0, maxRows: 0 });
    expect(off.enabled).toBe(false);
    off.start();
    expect(await off.prune()).toEqual({ byAge: 0, byCount: 0 });

    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 1, maxRows: 0 }, { now: () => NOW });
    const running = pruner.prune();
    await pruner.stop();
    const report = await running;
    expect(report.byAge).toBeLessThan(72);
    expect(report.byAge % 24).toBe(0);
    expect(rowCount(fx.journal)).toBe(72 - report.byAge);
  });

  it('prunes on its own once started', async () => {
    fill(2);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: DAY, maxRows: 0 }, { now: () => NOW, firstRunMs: 1 });
    pruner.start();
    for (let i = 0; i < 200 && rowCount(fx.journal) > 24; i++) await new Promise((r) => setTimeout(r, 10));
    await pruner.stop();
    expect(rowCount(fx.journal)).toBe(24);
  });

  it('frees the dropped tables whole: their pages go to the free list, and the file stops growing', async () => {
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 0, maxRows: 48 }, { now: () => NOW });
    fill(4);
    await pruner.prune();
    expect(one<number>('PRAGMA freelist_count')).toBeGreaterThan(0);
    const pages = one<number>('PRAGMA page_count');
    for (let round = 0; round < 5; round++) {
      fill(2);
      await pruner.prune();
    }
    expect(one<number>('PRAGMA page_count')).toBeLessThanOrEqual(pages + 8);
    expect(fx.journal.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(rowCount(fx.journal)).toBe(48);
  });
});
