import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../../journal/journal-database';

/** Which console sessions were signed out: the ids of tokens refused although their MAC checks. */
export interface SignedOutSessions {
  signOut(sessionId: string, expiresAt: number, now: number): void;
  isSignedOut(sessionId: string): boolean;
}

/**
 * The signed-out sessions in the journal's `console_signed_out_sessions` (migration 0007), shared
 * by every process on the journal: a session signed out on one worker is refused by every other
 * at its next request. A console request asks one primary-key lookup; a sign-out also clears the
 * rows of tokens that have expired since, which are refused by their expiry anyway.
 */
export class JournalSignedOutSessions implements SignedOutSessions {
  private readonly insert: Database.Statement<[string, number]>;
  private readonly prune: Database.Statement<[number]>;
  private readonly select: Database.Statement<[string], number>;

  constructor(private readonly journal: JournalDatabase) {
    const { db } = journal;
    this.insert = db.prepare('INSERT OR IGNORE INTO console_signed_out_sessions (session_id, expires_at) VALUES (?, ?)');
    this.prune = db.prepare('DELETE FROM console_signed_out_sessions WHERE expires_at <= ?');
    this.select = db.prepare<[string], number>('SELECT 1 FROM console_signed_out_sessions WHERE session_id = ?').pluck();
  }

  signOut(sessionId: string, expiresAt: number, now: number): void {
    this.journal.transaction(() => {
      this.prune.run(now);
      this.insert.run(sessionId, expiresAt);
    });
  }

  isSignedOut(sessionId: string): boolean {
    return this.select.get(sessionId) !== undefined;
  }
}
