import { join } from 'node:path';
import type { JournalDatabase } from '../../../src/journal/journal-database';
import { openJournal } from '../../../src/journal/open-journal';
import { HistoryRepository, type HistoryRepositoryOptions } from '../../../src/journal/history/history.repository';
import { makeTempDir } from '../journal/temp-dir';

export interface HistoryFixture {
  dir: ReturnType<typeof makeTempDir>;
  journal: JournalDatabase;
  repository: HistoryRepository;
  close(): void;
}

/** A migrated journal file in a fresh temp dir, with the history repository over it (segments as the gateway's by default). */
export function openHistory(options: { busyTimeoutMs?: number } & HistoryRepositoryOptions = {}): HistoryFixture {
  const dir = makeTempDir('tracegw-history-');
  const journal = openJournal(join(dir.path, 'journal.db'), { busyTimeoutMs: options.busyTimeoutMs });
  return {
    dir,
    journal,
    repository: new HistoryRepository(journal, options),
    close() {
      journal.close();
      dir.remove();
    },
  };
}

export function rowCount(journal: JournalDatabase): number {
  return (journal.db.prepare('SELECT count(*) AS n FROM operation_history').get() as { n: number }).n;
}

/** The segments the catalog holds, oldest first: number and id range. */
export function segmentRanges(journal: JournalDatabase): Array<[number, number, number | null]> {
  const rows = journal.db.prepare('SELECT segment, first_id AS firstId, last_id AS lastId FROM operation_history_segments ORDER BY segment').all() as Array<{
    segment: number;
    firstId: number;
    lastId: number | null;
  }>;
  return rows.map((row) => [row.segment, row.firstId, row.lastId]);
}
