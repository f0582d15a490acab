// Medium: journals written before migrations 0005 and 0006 (the real files before them, rows
// inserted as the gateway then did), opened with today's migrations/ like an upgraded gateway's
// first start-up.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { HistoryPruner } from '../../../src/journal/history/history-pruner';
import { HistoryRepository } from '../../../src/journal/history/history.repository';
import { openJournal } from '../../../src/journal/open-journal';
import { sampleRecord } from '../../unit/admin/sample-record';
import { makeTempDir } from '../journal/temp-dir';
import { openJournalUpTo } from './old-journal';

const ROWS = 5000;
const traceOf = (i: number) => (0xabc000 + i).toString(16).padStart(32, '0');

/**
 * A journal at `file` migrated by the real files up to `lastVersion` only, with history rows
 * `ids` (1-based) inserted as the gateway then did; `then` runs in the same transaction.
 */
function oldJournal(dir: string, file: string, lastVersion: number, ids: number, then: (db: Database.Database) => void = () => undefined): void {
  const old = openJournalUpTo(dir, file, lastVersion);
  const insert = old.db.prepare(`INSERT INTO operation_history (trace_id, request_id, operation, bucket, object_key,
    http_status, bytes_in, bytes_out, started_at, duration_ms, completed) VALUES (?, ?, 'GetObject', 'photos', ?, 200, 0, 4096, ?, 1.5, 1)`);
  old.transaction(() => {
    for (let id = 1; id <= ids; id++) insert.run(traceOf(id - 1), `R${id - 1}`, `k/${id - 1}`, 1_750_000_000_000 + id - 1);
    then(old.db);
  });
  old.close();
}

describe('migration 0005 on a journal with history', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    tmp = makeTempDir('tracegw-history-migration-');
    file = join(tmp.path, 'journal.db');
    oldJournal(tmp.path, file, 4, ROWS);
  });
  afterEach(() => tmp.remove());

  it('keeps every row and finds each by trace id through the new index', () => {
    const journal = openJournal(file);
    try {
      // Applied from 0005 on (later migrations follow them).
      expect(journal.migrationsApplied.map((m) => m.name).slice(0, 2)).toEqual(['0005_operation_history_trace_index', '0006_operation_history_segments']);
      expect(journal.db.prepare('SELECT count(*) AS n, min(id) AS first, max(id) AS last FROM operation_history').get()).toEqual({ n: ROWS, first: 1, last: ROWS });
      const index = journal.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'operation_history_by_trace'").get() as { sql: string };
      expect(index.sql).toMatch(/\(\(id >> 12\), trace_id\)/);
      expect(journal.db.pragma('integrity_check', { simple: true })).toBe('ok');

      const repository = new HistoryRepository(journal);
      for (const i of [0, 4095, 4096, ROWS - 1]) {
        expect(repository.list({ traceId: traceOf(i) }, { limit: 10 }).map((row) => [row.id, row.requestId, row.key])).toEqual([[i + 1, `R${i}`, `k/${i}`]]);
      }
      // New rows go on from the old ids (AUTOINCREMENT's counter came through the migration).
      repository.insertMany([sampleRecord({ traceId: traceOf(ROWS), requestId: 'new' })]);
      expect(repository.list({ traceId: traceOf(ROWS) }, { limit: 10 }).map((row) => row.id)).toEqual([ROWS + 1]);
    } finally {
      journal.close();
    }
  });
});

// A journal as the gateway left it before the history was segmented (0001-0005: one table, pruned
// row by row), opened with today's migrations/.
describe('migration 0006 on a journal of one history table', () => {
  const FIRST_KEPT = 501;
  const LAST_KEPT = 2995;
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    tmp = makeTempDir('tracegw-history-segments-migration-');
    file = join(tmp.path, 'journal.db');
    // Pruned as 0005's gateway pruned: the oldest rows; and the newest few gone too, so the
    // highest id ever given (sqlite_sequence) is above the highest left.
    oldJournal(tmp.path, file, 5, 3000, (db) => db.prepare('DELETE FROM operation_history WHERE id < ? OR id > ?').run(FIRST_KEPT, LAST_KEPT));
  });
  afterEach(() => tmp.remove());

  it('keeps the table as segment 1 with every row, and gives new ids after the highest ever given', () => {
    const journal = openJournal(file);
    try {
      expect(journal.migrationsApplied[0]?.name).toBe('0006_operation_history_segments');
      expect(journal.db.prepare('SELECT segment, first_id AS firstId, last_id AS lastId, min_started_at AS minStart, max_started_at AS maxStart FROM operation_history_segments').all()).toEqual([
        { segment: 1, firstId: FIRST_KEPT, lastId: LAST_KEPT, minStart: 1_750_000_000_000 + FIRST_KEPT - 1, maxStart: 1_750_000_000_000 + LAST_KEPT - 1 },
      ]);
      expect(journal.db.prepare('SELECT count(*) AS n, min(id) AS first, max(id) AS last FROM operation_history').get()).toEqual({ n: LAST_KEPT - FIRST_KEPT + 1, first: FIRST_KEPT, last: LAST_KEPT });
      expect(journal.db.pragma('integrity_check', { simple: true })).toBe('ok');

      const repository = new HistoryRepository(journal);
      expect(repository.find(FIRST_KEPT)?.requestId).toBe(`R${FIRST_KEPT - 1}`);
      expect(repository.list({}, { limit: 2 }).map((row) => row.id)).toEqual([LAST_KEPT, LAST_KEPT - 1]);
      expect(repository.list({ traceId: traceOf(2000) }, { limit: 10 }).map((row) => row.requestId)).toEqual(['R2000']);
      repository.insertMany([sampleRecord({ requestId: 'new', startedAt: 1_750_000_000_000 + 5000 })]);
      expect(repository.list({}, { limit: 1 }).map((row) => [row.id, row.requestId])).toEqual([[3001, 'new']]);
    } finally {
      journal.close();
    }
  });

  it('lets retention drop the old table whole once every row in it is past the limit', async () => {
    const journal = openJournal(file);
    try {
      const repository = new HistoryRepository(journal, { segments: { rows: 1000, spanMs: Infinity } });
      const pruner = new HistoryPruner(journal, { maxAgeMs: 0, maxRows: 1000 });
      // New ids from 3001 on, in segment 2: with ids up to 3994, the newest 1000 include 2995,
      // the old table's last row, so the table stays whole, the 2494 rows before it too.
      repository.insertMany(Array.from({ length: 994 }, (_, i) => sampleRecord({ requestId: `N${i}`, startedAt: 1_750_000_010_000 + i })));
      expect(await pruner.prune()).toEqual({ byAge: 0, byCount: 0 });
      expect(journal.db.prepare('SELECT count(*) FROM operation_history').pluck().get()).toBe(LAST_KEPT - FIRST_KEPT + 1 + 994);
      repository.insertMany([sampleRecord({ requestId: 'N994', startedAt: 1_750_000_011_000 })]);
      expect(await pruner.prune()).toEqual({ byAge: 0, byCount: LAST_KEPT - FIRST_KEPT + 1 });
      expect(journal.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'operation_history_1' OR tbl_name = 'operation_history_1'").pluck().get()).toBe(0);
      expect(journal.db.prepare('SELECT count(*) AS n, min(id) AS first, max(id) AS last FROM operation_history').get()).toEqual({ n: 995, first: 3001, last: 3995 });
    } finally {
      journal.close();
    }
  });
});
