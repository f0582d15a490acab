import type Database from 'better-sqlite3';

export interface MigrationRecord {
  version: number;
  name: string;
  /** ISO-8601 UTC. */
  appliedAt: string;
  checksum: string;
}

/**
 * The `schema_migrations` table. It is created here rather than by a migration because it is
 * what records migrations: it must exist before the first one runs.
 */
export class MigrationRepository {
  private readonly createTable: Database.Statement<[]>;
  private readonly selectAll: Database.Statement<[], MigrationRecord>;
  private readonly selectOne: Database.Statement<[number], MigrationRecord>;
  private readonly insert: Database.Statement<[MigrationRecord]>;

  constructor(db: Database.Database) {
    // Prepared before the others: SQLite compiles a statement against the current schema.
    this.createTable = db.prepare<[]>(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        checksum   TEXT NOT NULL
      ) STRICT`);
    this.createTable.run();
    this.selectAll = db.prepare<[], MigrationRecord>(
      'SELECT version, name, applied_at AS appliedAt, checksum FROM schema_migrations ORDER BY version',
    );
    this.selectOne = db.prepare<[number], MigrationRecord>(
      'SELECT version, name, applied_at AS appliedAt, checksum FROM schema_migrations WHERE version = ?',
    );
    this.insert = db.prepare<[MigrationRecord]>(
      'INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (@version, @name, @appliedAt, @checksum)',
    );
  }

  all(): MigrationRecord[] {
    return this.selectAll.all();
  }

  find(version: number): MigrationRecord | undefined {
    return this.selectOne.get(version);
  }

  record(migration: MigrationRecord): void {
    this.insert.run(migration);
  }
}
