import type Database from 'better-sqlite3';
import type { OperationRecord } from './operation-record';

/** The columns one OperationRecord fills, in the order writeValues puts its fields. */
const INSERTED_COLUMNS = `trace_id, request_id, operation, bucket, object_key, upload_id, part_number, access_key, role,
  client_address, user_agent, http_status, error_code, bytes_in, bytes_out, started_at, duration_ms, auth_ms,
  backend_ms, completed`;
const VALUES_PER_ROW = 20;

/**
 * Rows per INSERT statement. One statement of 20 rows costs about 40% fewer instructions a row
 * than 20 statements of one (the statement is stepped, reset and its cursors on the table and
 * its four indexes opened once, not once a row); beyond 20 it saves nothing more
 * (bench/journal-cost.js measures it).
 */
export const ROWS_PER_STATEMENT = 20;

/**
 * Writes history rows through positional parameters: better-sqlite3 binds a list of arguments
 * far faster than an object of 20 named keys (which it looks up one by one through V8's API),
 * and faster than an array (read element by element the same way).
 */
export class OperationRowsInsert {
  private readonly many: Database.Statement<unknown[]>;
  private readonly one: Database.Statement<unknown[]>;
  /** Reused for every statement: the values are copied into SQLite when bound. */
  private readonly manyValues: unknown[] = new Array<unknown>(ROWS_PER_STATEMENT * VALUES_PER_ROW);
  private readonly oneValues: unknown[] = new Array<unknown>(VALUES_PER_ROW);

  /** Into `table`, one segment of the history (history-segments.ts). */
  constructor(db: Database.Database, table: string) {
    const row = `(${new Array<string>(VALUES_PER_ROW).fill('?').join(', ')})`;
    // OR FAIL: a statement of several rows that could abort half way needs a statement journal
    // to undo its first rows, and SQLite spills that journal to a temporary file once it passes
    // 64 KiB, one write per page it saves (it doubled the cost of a row). FAIL stops at the bad
    // row without undoing the statement; the caller's transaction is rolled back all the same,
    // so a batch is still stored whole or not at all. (An index on an expression that calls a
    // function would bring the journal back: the trace index of 0005 uses `>>` only.)
    const insert = `INSERT OR FAIL INTO ${table} (${INSERTED_COLUMNS}) VALUES `;
    this.many = db.prepare<unknown[]>(insert + new Array<string>(ROWS_PER_STATEMENT).fill(row).join(', '));
    this.one = db.prepare<unknown[]>(insert + row);
  }

  /**
   * Inserts every row, in order, and returns the id the last one got; call it inside a
   * transaction (a failure leaves some rows written). SQLite numbers the rows (AUTOINCREMENT,
   * its counter set when the segment was opened): a row given its id would cost a seek in the
   * table to check the id is free.
   */
  run(rows: readonly OperationRecord[]): number {
    let next = 0;
    let last: Database.RunResult | undefined;
    for (; next + ROWS_PER_STATEMENT <= rows.length; next += ROWS_PER_STATEMENT) {
      for (let i = 0; i < ROWS_PER_STATEMENT; i++) writeValues(rows[next + i], this.manyValues, i * VALUES_PER_ROW);
      last = this.many.run(...this.manyValues);
    }
    for (; next < rows.length; next++) {
      writeValues(rows[next], this.oneValues, 0);
      last = this.one.run(...this.oneValues);
    }
    if (!last) throw new Error('operation history: no row to insert');
    return Number(last.lastInsertRowid);
  }
}

/** The row's values in INSERTED_COLUMNS order, from `at` on; SQLite has no booleans. */
function writeValues(row: OperationRecord, values: unknown[], at: number): void {
  values[at] = row.traceId;
  values[at + 1] = row.requestId;
  values[at + 2] = row.operation;
  values[at + 3] = row.bucket;
  values[at + 4] = row.key;
  values[at + 5] = row.uploadId;
  values[at + 6] = row.partNumber;
  values[at + 7] = row.accessKey;
  values[at + 8] = row.role;
  values[at + 9] = row.clientAddress;
  values[at + 10] = row.userAgent;
  values[at + 11] = row.httpStatus;
  values[at + 12] = row.errorCode;
  values[at + 13] = row.bytesIn;
  values[at + 14] = row.bytesOut;
  values[at + 15] = row.startedAt;
  values[at + 16] = row.durationMs;
  values[at + 17] = row.authMs;
  values[at + 18] = row.backendMs;
  values[at + 19] = row.completed ? 1 : 0;
}
