import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { JournalDatabase } from './journal-database';
import { JournalError } from './journal.error';
import { readMigrationFiles } from './migration-files';
import { runMigrations } from './migration-runner';
import { resolveMigrationsDir } from './migrations-dir';

export interface OpenJournalOptions {
  /** Defaults to `migrations/` at the package root (see resolveMigrationsDir). */
  migrationsDir?: string;
  /** How long a write waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Clock for `schema_migrations.applied_at`; injectable for tests. */
  now?: () => Date;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the journal and migrates it. Any failure closes the connection and
 * throws one JournalError whose message is fit to print as the reason start-up stopped.
 */
export function openJournal(path: string, options: OpenJournalOptions = {}): JournalDatabase {
  const inMemory = path === ':memory:';
  let db: Database.Database | undefined;
  try {
    if (!inMemory) createPrivateFile(path);
    // better-sqlite3's `timeout` is SQLite's busy_timeout.
    db = new Database(path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    configure(db, inMemory);
    const migrationsDir = options.migrationsDir ?? resolveMigrationsDir();
    const applied = runMigrations(db, readMigrationFiles(migrationsDir), migrationsDir, options.now);
    return new JournalDatabase(path, db, applied);
  } catch (cause) {
    db?.close();
    if (cause instanceof JournalError) throw cause;
    throw new JournalError(`cannot open the journal ${path}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * The journal holds account secrets, so it is created readable by its owner only; SQLite gives
 * the -wal and -shm files the same mode as the main file.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
}

function configure(db: Database.Database, inMemory: boolean): void {
  // WAL: readers never block the writer, and a commit is one append to the log.
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (!inMemory && mode !== 'wal') {
    throw new JournalError(`the journal ${db.name} cannot use WAL mode (got ${String(mode)}); put it on a local file system`);
  }
  // In WAL mode NORMAL cannot corrupt the database; a power loss may only drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}
