import { join } from 'node:path';
import type { JournalDatabase } from '../../../src/journal/journal-database';
import { openJournal } from '../../../src/journal/open-journal';
import { HistoryRepository } from '../../../src/journal/history/history.repository';
import { makeTempDir } from '../journal/temp-dir';

export interface HistoryFixture {
  dir: ReturnType<typeof makeTempDir>;
  journal: JournalDatabase;
  repository: HistoryRepository;
  close(): void;
}

/** A migrated journal file in a fresh temp dir, with the history repository over it. */
export function openHistory(options: { busyTimeoutMs?: number } = {}): HistoryFixture {
  const dir = makeTempDir('tracegw-history-');
  const journal = openJournal(join(dir.path, 'journal.db'), options);
  return {
    dir,
    journal,
    repository: new HistoryRepository(journal),
    close() {
      journal.close();
      dir.remove();
    },
  };
}

export function rowCount(journal: JournalDatabase): number {
  return (journal.db.prepare('SELECT count(*) AS n FROM operation_history').get() as { n: number }).n;
}
