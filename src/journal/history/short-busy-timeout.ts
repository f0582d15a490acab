import type Database from 'better-sqlite3';

/**
 * How long history work (a batch, a pruning chunk) waits for another connection's write lock. It
 * runs on the event loop, so the journal's usual busy timeout (seconds) would stall every request;
 * work that cannot get the lock this fast is simply tried again later.
 */
export const HISTORY_BUSY_TIMEOUT_MS = 50;

/** Runs fn with HISTORY_BUSY_TIMEOUT_MS as the connection's busy timeout, then puts the usual one back. */
export function withShortBusyTimeout<T>(db: Database.Database, fn: () => T): T {
  const usual = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${HISTORY_BUSY_TIMEOUT_MS}`);
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${usual}`);
  }
}
