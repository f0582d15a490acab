// Medium: a journal written before migration 0005 (the real files 0001-0004, rows inserted as the
// gateway then did), opened with today's migrations/ like an upgraded gateway's first start-up.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HistoryRepository } from '../../../src/journal/history/history.repository';
import { openJournal } from '../../../src/journal/open-journal';
import { sampleRecord } from '../../unit/admin/sample-record';
import { makeTempDir } from '../journal/temp-dir';

const REPO_MIGRATIONS = resolve(__dirname, '../../../migrations');
const ROWS = 5000;
const traceOf = (i: number) => (0xabc000 + i).toString(16).padStart(32, '0');

describe('migration 0005 on a journal with history', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    tmp = makeTempDir('tracegw-history-migration-');
    file = join(tmp.path, 'journal.db');
    const before = join(tmp.path, 'migrations-0004');
    mkdirSync(before);
    for (const name of readdirSync(REPO_MIGRATIONS).filter((entry) => /^000[1-4]_.*\.sql$/.test(entry))) {
      copyFileSync(join(REPO_MIGRATIONS, name), join(before, name));
    }
    const old = openJournal(file, { migrationsDir: before });
    const insert = old.db.prepare(`INSERT INTO operation_history (trace_id, request_id, operation, bucket, object_key,
      http_status, bytes_in, bytes_out, started_at, duration_ms, completed) VALUES (?, ?, 'GetObject', 'photos', ?, 200, 0, 4096, ?, 1.5, 1)`);
    old.transaction(() => {
      for (let i = 0; i < ROWS; i++) insert.run(traceOf(i), `R${i}`, `k/${i}`, 1_750_000_000_000 + i);
    });
    old.close();
  });
  afterEach(() => tmp.remove());

  it('keeps every row and finds each by trace id through the new index', () => {
    const journal = openJournal(file);
    try {
      expect(journal.migrationsApplied.map((m) => m.name)).toEqual(['0005_operation_history_trace_index', '0006_operation_history_segments']);
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
