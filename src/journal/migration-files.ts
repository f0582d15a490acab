import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationError } from './journal.error';

export interface MigrationFile {
  version: number;
  /** The file name without `.sql`, e.g. `0001_event_store`; recorded so a renamed file is noticed. */
  name: string;
  sql: string;
  /** sha256 hex of the file with line endings normalised, so a CRLF checkout is not "changed". */
  checksum: string;
}

const FILE_NAME = /^(\d{4,})_([A-Za-z0-9_-]+)\.sql$/;

/**
 * Reads `NNNN_name.sql` files in numeric order. Any other `.sql` file is an error rather than
 * skipped: a misnamed migration that silently never runs would leave the schema behind the code.
 */
export function readMigrationFiles(dir: string): MigrationFile[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (cause) {
    throw new MigrationError(`cannot read the migrations directory ${dir}: ${(cause as Error).message}`, { cause });
  }
  const files: MigrationFile[] = [];
  for (const entry of entries) {
    if (!entry.endsWith('.sql')) continue;
    const match = FILE_NAME.exec(entry);
    if (!match) {
      throw new MigrationError(`migration file ${join(dir, entry)} is not named NNNN_name.sql`);
    }
    const version = Number(match[1]);
    if (version < 1) throw new MigrationError(`migration file ${join(dir, entry)}: versions start at 0001`);
    const sql = readFileSync(join(dir, entry), 'utf8');
    files.push({ version, name: entry.slice(0, -'.sql'.length), sql, checksum: checksumOf(sql) });
  }
  files.sort((a, b) => a.version - b.version);
  for (let i = 1; i < files.length; i++) {
    if (files[i].version === files[i - 1].version) {
      throw new MigrationError(`migrations ${files[i - 1].name} and ${files[i].name} have the same version in ${dir}`);
    }
  }
  return files;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}
