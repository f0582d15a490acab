import type Database from 'better-sqlite3';
import type { MigrationRecord } from './migration.repository';

/**
 * An open journal: the connection repositories prepare their statements on, plus what start-up
 * did to it. One per process; better-sqlite3 is synchronous, so statements never interleave.
 */
export class JournalDatabase {
  constructor(
    /** The SQLite file, or ':memory:'. */
    readonly path: string,
    readonly db: Database.Database,
    /** Migrations applied by this open (empty when the schema was already current), for the start-up log. */
    readonly migrationsApplied: readonly MigrationRecord[],
  ) {}

  /**
   * Runs fn in a write transaction. IMMEDIATE takes the write lock up front, so a second process
   * on the same file waits (busy_timeout) instead of failing when its read lock would upgrade.
   * Nested calls become savepoints of the outer transaction.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Checkpoints the WAL into the main file and closes; safe to call twice. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}
