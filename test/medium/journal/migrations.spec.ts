// Medium: real SQLite files in a temp dir, the real migrations/ directory (copied when a test
// has to change it). Nothing is faked.
import Database from 'better-sqlite3';
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JournalError, MigrationError } from '../../../src/journal/journal.error';
import { checksumOf } from '../../../src/journal/migration-files';
import { resolveMigrationsDir } from '../../../src/journal/migrations-dir';
import { openJournal } from '../../../src/journal/open-journal';
import { makeTempDir } from './temp-dir';

const REPO_MIGRATIONS = resolve(__dirname, '../../../migrations');

interface MigrationRow {
  version: number;
  name: string;
  applied_at: string;
  checksum: string;
}

describe('openJournal and the migration runner', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    tmp = makeTempDir();
    file = join(tmp.path, 'nested', 'dirs', 'journal.db');
  });
  afterEach(() => tmp.remove());

  function copyMigrations(): string {
    const dir = join(tmp.path, 'migrations');
    mkdirSync(dir);
    for (const name of readdirSync(REPO_MIGRATIONS)) copyFileSync(join(REPO_MIGRATIONS, name), join(dir, name));
    return dir;
  }

  function recorded(path: string): MigrationRow[] {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare<[], MigrationRow>('SELECT * FROM schema_migrations ORDER BY version').all();
    } finally {
      db.close();
    }
  }

  it('creates the file and its parent directories, private to its owner, and configures the connection', () => {
    const journal = openJournal(file);
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const { db } = journal;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      journal.close();
    }
  });

  it('applies every migration once, in order, and records version, name, time and checksum', () => {
    const now = new Date('2025-01-02T03:04:05.678Z');
    const journal = openJournal(file, { now: () => now });
    const files = readdirSync(REPO_MIGRATIONS).filter((name) => name.endsWith('.sql')).sort();
    expect(journal.migrationsApplied.map((m) => m.name)).toEqual(files.map((name) => name.replace(/\.sql$/, '')));
    journal.close();

    expect(recorded(file)).toEqual(
      files.map((name) => ({
        version: Number(name.slice(0, 4)),
        name: name.replace(/\.sql$/, ''),
        applied_at: '2025-01-02T03:04:05.678Z',
        checksum: checksumOf(readFileSync(join(REPO_MIGRATIONS, name), 'utf8')),
      })),
    );
  });

  it('re-opens an up-to-date journal without applying or recording anything', () => {
    openJournal(file).close();
    const before = recorded(file);

    const again = openJournal(file);
    expect(again.migrationsApplied).toEqual([]);
    again.close();
    expect(recorded(file)).toEqual(before);
  });

  it('applies only the new migration when one is added', () => {
    const dir = copyMigrations();
    openJournal(file, { migrationsDir: dir }).close();
    writeFileSync(join(dir, '0099_widgets.sql'), 'CREATE TABLE widgets (id INTEGER PRIMARY KEY);\n');

    const journal = openJournal(file, { migrationsDir: dir });
    try {
      expect(journal.migrationsApplied.map((m) => m.name)).toEqual(['0099_widgets']);
      expect(journal.db.prepare('SELECT count(*) AS n FROM widgets').get()).toEqual({ n: 0 });
    } finally {
      journal.close();
    }
  });

  it('does not count a CRLF checkout as a change', () => {
    const dir = copyMigrations();
    openJournal(file, { migrationsDir: dir }).close();
    const sql = join(dir, '0002_accounts.sql');
    writeFileSync(sql, readFileSync(sql, 'utf8').replace(/\n/g, '\r\n'));

    expect(() => openJournal(file, { migrationsDir: dir }).close()).not.toThrow();
  });

  it('refuses to start when an applied migration was changed, naming it', () => {
    const dir = copyMigrations();
    openJournal(file, { migrationsDir: dir }).close();
    appendFileSync(join(dir, '0002_accounts.sql'), '\nCREATE INDEX accounts_by_role ON accounts (role);\n');

    expect(() => openJournal(file, { migrationsDir: dir })).toThrow(MigrationError);
    expect(() => openJournal(file, { migrationsDir: dir })).toThrow(/applied migration 0002_accounts was changed/);
    // The refused open closed its connection: the file opens normally with the original files.
    openJournal(file).close();
  });

  it('refuses to start when an applied migration was renamed', () => {
    const dir = copyMigrations();
    openJournal(file, { migrationsDir: dir }).close();
    copyFileSync(join(dir, '0002_accounts.sql'), join(dir, '0002_users.sql'));
    rmSync(join(dir, '0002_accounts.sql'));

    expect(() => openJournal(file, { migrationsDir: dir })).toThrow(/0002_accounts was changed \(now 0002_users/);
  });

  it('refuses to start when an applied migration is missing', () => {
    const dir = copyMigrations();
    openJournal(file, { migrationsDir: dir }).close();
    rmSync(join(dir, '0002_accounts.sql'));

    expect(() => openJournal(file, { migrationsDir: dir })).toThrow(/applied migration 0002_accounts is missing/);
  });

  it('refuses a new migration numbered below one already applied', () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, '0099_late.sql'), 'CREATE TABLE late (id INTEGER);\n');
    openJournal(file, { migrationsDir: dir }).close();
    writeFileSync(join(dir, '0050_early.sql'), 'CREATE TABLE early (id INTEGER);\n');

    expect(() => openJournal(file, { migrationsDir: dir })).toThrow(/0050_early .* not applied but the later 0099_late is/);
  });

  it('rolls a failing migration back entirely and records nothing for it', () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, '0099_broken.sql'), 'CREATE TABLE half (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n');

    expect(() => openJournal(file, { migrationsDir: dir })).toThrow(/migration 0099_broken .* failed: no such table: no_such_table/);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
      // Every real migration applied, the broken one not: the last recorded is the highest real file.
      const lastReal = Math.max(...readdirSync(REPO_MIGRATIONS).filter((name) => name.endsWith('.sql')).map((name) => Number(name.slice(0, 4))));
      expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: lastReal });
    } finally {
      db.close();
    }
  });

  it('refuses a .sql file that is not named NNNN_name.sql instead of skipping it', () => {
    const dir = copyMigrations();
    writeFileSync(join(dir, '3_oops.sql'), 'SELECT 1;\n');

    expect(() => openJournal(file, { migrationsDir: dir })).toThrow(/3_oops.sql is not named NNNN_name.sql/);
  });

  it('reports a file that is not a SQLite database as one JournalError naming it', () => {
    mkdirSync(join(tmp.path, 'nested', 'dirs'), { recursive: true });
    writeFileSync(file, 'this is not a database, just some text that is long enough to have a header');

    expect(() => openJournal(file)).toThrow(JournalError);
    expect(() => openJournal(file)).toThrow(`cannot open the journal ${file}`);
  });

  describe('resolveMigrationsDir', () => {
    it('finds migrations/ at the repository root from src/journal (ts-jest)', () => {
      expect(resolveMigrationsDir()).toBe(REPO_MIGRATIONS);
    });

    it('finds it from dist/journal, as after `tsc -p tsconfig.build.json`', () => {
      // A package root laid out like the built one: package.json, migrations/, dist/journal/.
      const root = join(tmp.path, 'pkg');
      mkdirSync(join(root, 'dist', 'journal'), { recursive: true });
      writeFileSync(join(root, 'package.json'), '{}');
      symlinkSync(REPO_MIGRATIONS, join(root, 'migrations'));

      expect(resolveMigrationsDir(join(root, 'dist', 'journal'))).toBe(join(root, 'migrations'));
    });

    it('fails with a JournalError when there is none', () => {
      expect(() => resolveMigrationsDir(tmp.path)).toThrow(/cannot find the migrations directory/);
    });
  });
});
