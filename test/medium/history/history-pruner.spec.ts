import { HistoryPruner } from '../../../src/journal/history/history-pruner';
import { sampleRecord } from '../../unit/admin/sample-record';
import { openHistory, rowCount, type HistoryFixture } from './history-fixture';

const NOW = Date.parse('2025-06-30T00:00:00.000Z');
const DAY = 86_400_000;

describe('HistoryPruner', () => {
  let fx: HistoryFixture;
  beforeEach(() => {
    fx = openHistory();
  });
  afterEach(() => fx.close());

  /** One row per hour over the last `days` days, oldest first (so ids follow time). */
  function fill(days: number): void {
    const hours = days * 24;
    fx.repository.insertMany(Array.from({ length: hours }, (_, i) => sampleRecord({ requestId: `R${i}`, startedAt: NOW - (hours - i) * 3_600_000 })));
  }
  const oldest = () => (fx.journal.db.prepare('SELECT min(started_at) AS t FROM operation_history').get() as { t: number }).t;
  const maxId = () => (fx.journal.db.prepare('SELECT max(id) AS id FROM operation_history').get() as { id: number }).id;

  it('deletes rows older than the age limit, in many small chunks', async () => {
    fill(10);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 3 * DAY, maxRows: 0 }, { now: () => NOW, chunkRows: 7 });
    const report = await pruner.prune();
    expect(report).toEqual({ byAge: 7 * 24, byCount: 0 });
    expect(rowCount(fx.journal)).toBe(3 * 24);
    expect(oldest()).toBeGreaterThanOrEqual(NOW - 3 * DAY);
  });

  it('keeps only the newest rows beyond the row limit, and never reuses their ids', async () => {
    fill(5);
    const lastId = maxId();
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 0, maxRows: 50 }, { now: () => NOW, chunkRows: 8 });
    expect(await pruner.prune()).toEqual({ byAge: 0, byCount: 5 * 24 - 50 });
    expect(rowCount(fx.journal)).toBe(50);
    expect((fx.journal.db.prepare('SELECT min(id) AS id FROM operation_history').get() as { id: number }).id).toBe(lastId - 49);
    fx.repository.insertMany([sampleRecord()]);
    expect(maxId()).toBe(lastId + 1);
  });

  it('applies both limits in one pass', async () => {
    fill(4);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 2 * DAY, maxRows: 10 }, { now: () => NOW });
    expect(await pruner.prune()).toEqual({ byAge: 48, byCount: 38 });
    expect(rowCount(fx.journal)).toBe(10);
  });

  it('lets other work run between two chunks', async () => {
    fill(2);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 1, maxRows: 0 }, { now: () => NOW, chunkRows: 5 });
    const running = pruner.prune();
    // What a request arriving meanwhile would see: the prune is under way, not done in one go.
    const seenMidway = await new Promise<number>((resolve) => setImmediate(() => resolve(rowCount(fx.journal))));
    await running;
    expect(seenMidway).toBeLessThan(48);
    expect(seenMidway).toBeGreaterThan(0);
    expect(rowCount(fx.journal)).toBe(0);
  });

  it('does nothing when both limits are off, and stops between chunks when asked', async () => {
    fill(1);
    const off = new HistoryPruner(fx.journal, { maxAgeMs: 0, maxRows: 0 });
    expect(off.enabled).toBe(false);
    off.start();
    expect(await off.prune()).toEqual({ byAge: 0, byCount: 0 });

    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: 1, maxRows: 0 }, { now: () => NOW, chunkRows: 1 });
    const running = pruner.prune();
    await pruner.stop();
    const report = await running;
    expect(report.byAge).toBeLessThan(24);
    expect(rowCount(fx.journal)).toBe(24 - report.byAge);
  });

  it('prunes on its own once started', async () => {
    fill(2);
    const pruner = new HistoryPruner(fx.journal, { maxAgeMs: DAY, maxRows: 0 }, { now: () => NOW, firstRunMs: 1 });
    pruner.start();
    for (let i = 0; i < 200 && rowCount(fx.journal) > 24; i++) await new Promise((r) => setTimeout(r, 10));
    await pruner.stop();
    expect(rowCount(fx.journal)).toBe(24);
  });
});
