import type Database from 'better-sqlite3';
import { MigrationError } from './journal.error';
import type { MigrationFile } from './migration-files';
import { MigrationRepository, type MigrationRecord } from './migration.repository';

/**
 * Brings the schema up to date: checks that every applied migration is still on disk unchanged,
 * then applies the pending ones in numeric order, each in its own transaction together with
 * its `schema_migrations` row, so a failure leaves the journal at the last good version.
 * Returns what it applied.
 *
 * It refuses rather than repairs: an applied migration that changed or vanished means this
 * build and this journal disagree about the schema, and guessing would corrupt state that
 * cannot be rebuilt from anything else.
 */
export function runMigrations(
  db: Database.Database,
  files: readonly MigrationFile[],
  source: string,
  now: () => Date = () => new Date(),
): MigrationRecord[] {
  const repository = new MigrationRepository(db);
  const recorded = repository.all();
  const byVersion = new Map(files.map((file) => [file.version, file]));
  for (const record of recorded) verifyUnchanged(record, byVersion.get(record.version), source);

  const recordedVersions = new Set(recorded.map((record) => record.version));
  const latest = recorded.at(-1);
  const applied: MigrationRecord[] = [];
  for (const file of files) {
    if (recordedVersions.has(file.version)) continue;
    if (latest && file.version < latest.version) {
      // Applying it after a later one would run it against a schema its author never saw.
      throw new MigrationError(
        `migration ${file.name} in ${source} is not applied but the later ${latest.name} is; renumber it after ${latest.name}`,
      );
    }
    const apply = db.transaction(() => {
      // Another process may have applied it between our check and taking the write lock.
      const raced = repository.find(file.version);
      if (raced) return verifyUnchanged(raced, file, source);
      try {
        db.exec(file.sql);
      } catch (cause) {
        throw new MigrationError(`migration ${file.name} in ${source} failed: ${(cause as Error).message}`, { cause });
      }
      const record: MigrationRecord = {
        version: file.version,
        name: file.name,
        appliedAt: now().toISOString(),
        checksum: file.checksum,
      };
      repository.record(record);
      applied.push(record);
    });
    apply.immediate();
  }
  return applied;
}

function verifyUnchanged(record: MigrationRecord, file: MigrationFile | undefined, source: string): void {
  if (!file) {
    throw new MigrationError(
      `applied migration ${record.name} is missing from ${source}: this journal was written by another version of tracegw`,
    );
  }
  if (file.name !== record.name || file.checksum !== record.checksum) {
    throw new MigrationError(
      `applied migration ${record.name} was changed (now ${file.name} in ${source}, checksum ${file.checksum} instead of ${record.checksum}); ` +
        'never edit an applied migration: restore it and add a new numbered file',
    );
  }
}
