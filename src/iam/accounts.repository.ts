import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../journal/journal-database';

/** A row of the `accounts` projection (migrations/0002_accounts.sql). */
export interface AccountRecord {
  access: string;
  secret: string;
  role: string;
  userId: number | null;
  groupId: number | null;
  projectId: number | null;
  createdSeq: number;
  createdAt: string;
  updatedSeq: number;
  updatedAt: string;
}

/** Null fields are left unchanged. */
export interface AccountChanges {
  access: string;
  secret: string | null;
  role: string | null;
  userId: number | null;
  groupId: number | null;
  projectId: number | null;
  updatedSeq: number;
  updatedAt: string;
}

const COLUMNS = `access, secret, role, user_id AS userId, group_id AS groupId, project_id AS projectId,
  created_seq AS createdSeq, created_at AS createdAt, updated_seq AS updatedSeq, updated_at AS updatedAt`;

/** Written only by AccountsProjection; read by SqliteIamStore to fill its cache. */
export class AccountsRepository {
  private readonly insertAccount: Database.Statement<[AccountRecord]>;
  private readonly updateAccount: Database.Statement<[AccountChanges]>;
  private readonly deleteAccount: Database.Statement<[string]>;
  private readonly deleteAllAccounts: Database.Statement<[]>;
  private readonly selectAccount: Database.Statement<[string], AccountRecord>;
  private readonly selectAllAccounts: Database.Statement<[], AccountRecord>;

  constructor(journal: JournalDatabase) {
    const { db } = journal;
    this.insertAccount = db.prepare<[AccountRecord]>(`
      INSERT INTO accounts (access, secret, role, user_id, group_id, project_id, created_seq, created_at, updated_seq, updated_at)
      VALUES (@access, @secret, @role, @userId, @groupId, @projectId, @createdSeq, @createdAt, @updatedSeq, @updatedAt)`);
    this.updateAccount = db.prepare<[AccountChanges]>(`
      UPDATE accounts SET
        secret = coalesce(@secret, secret),
        role = coalesce(@role, role),
        user_id = coalesce(@userId, user_id),
        group_id = coalesce(@groupId, group_id),
        project_id = coalesce(@projectId, project_id),
        updated_seq = @updatedSeq,
        updated_at = @updatedAt
      WHERE access = @access`);
    this.deleteAccount = db.prepare<[string]>('DELETE FROM accounts WHERE access = ?');
    this.deleteAllAccounts = db.prepare<[]>('DELETE FROM accounts');
    this.selectAccount = db.prepare<[string], AccountRecord>(`SELECT ${COLUMNS} FROM accounts WHERE access = ?`);
    this.selectAllAccounts = db.prepare<[], AccountRecord>(`SELECT ${COLUMNS} FROM accounts ORDER BY access`);
  }

  insert(record: AccountRecord): void {
    this.insertAccount.run(record);
  }

  /** Returns false when there is no such account. */
  update(changes: AccountChanges): boolean {
    return this.updateAccount.run(changes).changes > 0;
  }

  /** Returns false when there is no such account. */
  delete(access: string): boolean {
    return this.deleteAccount.run(access).changes > 0;
  }

  deleteAll(): void {
    this.deleteAllAccounts.run();
  }

  find(access: string): AccountRecord | undefined {
    return this.selectAccount.get(access);
  }

  /** Ordered by access key. */
  all(): AccountRecord[] {
    return this.selectAllAccounts.all();
  }
}
