import type Database from 'better-sqlite3';
import type { MigrationRecord } from './migration.repository';

/**
 * An open journal: the connection repositories prepare their statements on, plus what start-up
 * did to it. One per process; better-sqlite3 is synchronous, so statements never interleave.
 */
export class JournalDatabase {
  private readonly selectDataVersion: Database.Statement<[], number>;

  constructor(
    /** The SQLite file, or ':memory:'. */
    readonly path: string,
    readonly db: Database.Database,
    /** Migrations applied by this open (empty when the schema was already current), for the start-up log. */
    readonly migrationsApplied: readonly MigrationRecord[],
  ) {
    this.selectDataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /**
   * SQLite's data_version: it changes when another connection (another worker process) has
   * committed since this one last asked, and never for this connection's own commits. It reads
   * no page, only the WAL index in shared memory: the cheapest way to learn that nothing changed.
   */
  dataVersion(): number {
    return this.selectDataVersion.get() as number;
  }

  /**
   * How many times the projections were rebuilt in this journal, kept in the header's
   * user_version (tracegw uses it for nothing else): a rebuild appends no event, so this is how
   * the other processes learn that the tables they cached from were replaced.
   */
  projectionRebuilds(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Inside the rebuild's transaction, so the count and the rebuilt tables commit together. */
  countProjectionRebuild(): void {
    this.db.pragma(`user_version = ${this.projectionRebuilds() + 1}`);
  }

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
