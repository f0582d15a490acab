import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JournalDatabase } from '../../../src/journal/journal-database';
import { openJournal } from '../../../src/journal/open-journal';

const REPO_MIGRATIONS = resolve(__dirname, '../../../migrations');

/** The journal at `file` migrated by the real files up to `lastVersion` only (copied into `dir`), as a gateway of that time left it. */
export function openJournalUpTo(dir: string, file: string, lastVersion: number): JournalDatabase {
  const before = join(dir, `migrations-${lastVersion}`);
  mkdirSync(before);
  for (const name of readdirSync(REPO_MIGRATIONS).filter((entry) => /^\d{4}_.*\.sql$/.test(entry) && Number(entry.slice(0, 4)) <= lastVersion)) {
    copyFileSync(join(REPO_MIGRATIONS, name), join(before, name));
  }
  return openJournal(file, { migrationsDir: before });
}
