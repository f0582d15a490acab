// Medium: a journal at migration 0007 with history in two segments, written as that gateway wrote
// it (the same segment and insert code, without the aggregate), opened with today's migrations/:
// 0008 fills the per-minute aggregate from those rows in SQL.
import { join } from 'node:path';
import { HistoryRepository } from '../../../src/journal/history/history.repository';
import { HistorySegments } from '../../../src/journal/history/history-segments';
import { HistorySummaryQuery } from '../../../src/journal/history/history-summary';
import type { OperationRecord } from '../../../src/journal/history/operation-record';
import { OperationRowsInsert } from '../../../src/journal/history/operation-rows-insert';
import { openJournal } from '../../../src/journal/open-journal';
import { sampleRecord } from '../../unit/admin/sample-record';
import { makeTempDir } from '../journal/temp-dir';
import { minuteRows, minuteRowsOf } from './minute-rows';
import { openJournalUpTo } from './old-journal';
import { expectFiguresOf } from './summary-expectations';

const T0 = Date.parse('2025-06-01T12:00:00.000Z');

/** Row i: three S3 buckets, three operations and an unknown one, errors, durations over six orders of magnitude, 4 rows a second. */
function row(i: number): OperationRecord {
  return sampleRecord({
    requestId: `R${i}`,
    bucket: `bucket-${i % 3}`,
    operation: ['GetObject', 'PutObject', 'ListObjectsV2', null][i % 4],
    httpStatus: [200, 200, 404, 500, 200][i % 5],
    bytesIn: i % 4 === 1 ? 10 * i : 0,
    bytesOut: i % 4 === 0 ? 4096 : 0,
    durationMs: i % 97 === 0 ? 0 : 0.01 * 1.9 ** (i % 19) + (i % 13) / 10,
    startedAt: T0 + i * 250,
  });
}

describe('migration 0008 on a journal with history', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  let rows: OperationRecord[];
  beforeEach(() => {
    tmp = makeTempDir('tracegw-history-minutes-migration-');
    file = join(tmp.path, 'journal.db');
    rows = Array.from({ length: 1000 }, (_, i) => row(i));
    const old = openJournalUpTo(tmp.path, file, 7);
    const segments = new HistorySegments(old.db);
    old.transaction(() => {
      for (const [n, part] of [rows.slice(0, 600), rows.slice(600)].entries()) {
        const segment = n === 0 ? segments.current() : segments.open(T0);
        const lastId = new OperationRowsInsert(old.db, segment.table).run(part);
        segments.recordWrite(segment, { lastId, minStartedAt: part[0].startedAt, maxStartedAt: part[part.length - 1].startedAt });
      }
    });
    expect(old.db.prepare('SELECT count(*) FROM operation_history').pluck().get()).toBe(1000);
    old.close();
  });
  afterEach(() => tmp.remove());

  it('fills the aggregate from every row already in the history, bucketed as the writer buckets', () => {
    const journal = openJournal(file);
    try {
      expect(journal.migrationsApplied.map((m) => m.name)).toEqual(['0008_operation_history_minutes']);
      const stored = minuteRows(journal);
      expect(stored).toEqual(minuteRowsOf(rows));
      expect(stored).toHaveLength(5 * 4);
      // A window of whole minutes is read from the aggregate alone.
      expectFiguresOf(new HistorySummaryQuery(journal).summarize({ from: T0 + 60_000, to: T0 + 240_000 }).total, rows.slice(240, 960));
    } finally {
      journal.close();
    }
  });

  it('lets new batches add into the minutes it filled', () => {
    const journal = openJournal(file);
    try {
      const more = Array.from({ length: 200 }, (_, i) => ({ ...row(i + 7), requestId: `new-${i}`, startedAt: T0 + 180_000 + i * 100 }));
      new HistoryRepository(journal).insertMany(more);
      expect(minuteRows(journal)).toEqual(minuteRowsOf([...rows, ...more]));
    } finally {
      journal.close();
    }
  });
});
