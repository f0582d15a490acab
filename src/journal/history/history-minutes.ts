import type Database from 'better-sqlite3';
import { LatencyHistogram } from './latency-histogram';
import type { OperationRecord } from './operation-record';

export const MINUTE_MS = 60_000;

/** The figures of one minute and operation (a row of operation_history_minutes, migrations/0008). */
export interface MinuteFigures {
  count: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  latency: LatencyHistogram;
}

export function emptyFigures(): MinuteFigures {
  return { count: 0, errors: 0, bytesIn: 0, bytesOut: 0, latency: new LatencyHistogram() };
}

/** The rows' figures by minute, then by operation (null included). */
function figuresOf(rows: readonly OperationRecord[]): Map<number, Map<string | null, MinuteFigures>> {
  const minutes = new Map<number, Map<string | null, MinuteFigures>>();
  for (const row of rows) {
    const minute = Math.floor(row.startedAt / MINUTE_MS);
    let operations = minutes.get(minute);
    if (!operations) minutes.set(minute, (operations = new Map()));
    let figures = operations.get(row.operation);
    if (!figures) operations.set(row.operation, (figures = emptyFigures()));
    figures.count++;
    if (row.httpStatus >= 400) figures.errors++;
    figures.bytesIn += row.bytesIn;
    figures.bytesOut += row.bytesOut;
    figures.latency.addDuration(row.durationMs);
  }
  return minutes;
}

interface StoredMinute {
  rowid: number;
  latency: Buffer;
}

type Figures = Omit<MinuteFigures, 'latency'> & { latency: Buffer };

/**
 * The per-minute aggregate's writes: every batch of history rows adds into it inside the batch's
 * write transaction, and pruning deletes its old minutes inside the drop's. Under the write lock
 * the minute's row is read, its histogram merged in JavaScript and written back: SQL cannot add
 * two histograms, and one row per minute and operation (not per bucket) is what makes a long
 * window cheap to read.
 */
export class HistoryMinutes {
  private readonly select: Database.Statement<[number, string | null], StoredMinute>;
  private readonly insert: Database.Statement<[Figures & { minute: number; operation: string | null }]>;
  private readonly update: Database.Statement<[Figures & { rowid: number }]>;
  private readonly deleteBefore: Database.Statement<[]>;

  constructor(db: Database.Database) {
    // ifnull(…, '') as in the unique index, so that a NULL operation finds its row through it.
    this.select = db.prepare<[number, string | null], StoredMinute>(
      `SELECT rowid, latency FROM operation_history_minutes WHERE minute = ? AND ifnull(operation, '') = ifnull(?, '')`,
    );
    this.insert = db.prepare(`INSERT INTO operation_history_minutes (minute, operation, count, errors, bytes_in, bytes_out, latency)
      VALUES (@minute, @operation, @count, @errors, @bytesIn, @bytesOut, @latency)`);
    this.update = db.prepare(`UPDATE operation_history_minutes SET count = count + @count, errors = errors + @errors,
      bytes_in = bytes_in + @bytesIn, bytes_out = bytes_out + @bytesOut, latency = @latency WHERE rowid = @rowid`);
    // The oldest row left starts in the minute of the smallest min_started_at of the segments
    // left; with no row left, every minute goes.
    this.deleteBefore = db.prepare(`DELETE FROM operation_history_minutes
      WHERE minute < ifnull((SELECT min(min_started_at) FROM operation_history_segments) / ${MINUTE_MS}, 9223372036854775807)`);
  }

  /** Inside the batch's write transaction, after its rows went in. */
  add(rows: readonly OperationRecord[]): void {
    for (const [minute, operations] of figuresOf(rows)) {
      for (const [operation, figures] of operations) {
        const stored = this.select.get(minute, operation);
        if (stored) figures.latency.addEncoded(stored.latency);
        const values = { ...figures, latency: figures.latency.encode() };
        if (stored) this.update.run({ ...values, rowid: stored.rowid });
        else this.insert.run({ ...values, minute, operation });
      }
    }
  }

  /** Inside the pruner's transaction, after it dropped a segment: the minutes wholly older than every row left. */
  pruneBeforeOldestRow(): void {
    this.deleteBefore.run();
  }
}
