import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../journal-database';
import { emptyFigures, MINUTE_MS, type MinuteFigures } from './history-minutes';
import { LATENCY_BUCKET_SQL } from './latency-buckets';

/** Per-operation figures over a time window. */
export interface OperationStats {
  /** null groups the requests refused before their operation was known. */
  operation: string | null;
  count: number;
  /** Responses with an HTTP status of 400 or more. */
  errors: number;
  bytesIn: number;
  bytesOut: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface HistorySummary {
  /** Epoch ms: from inclusive, to exclusive. */
  from: number;
  to: number;
  operations: OperationStats[];
  /** The same figures over every operation; null when the window holds no request. */
  total: Omit<OperationStats, 'operation'> | null;
}

interface Window {
  from: number;
  to: number;
}

/** operation, count, errors, bytes in, bytes out, then the latency histogram (stored) or one bucket's index. */
type FiguresRow = [string | null, number, number, number, number, Buffer | number];

/**
 * The summary the admin API serves. The window's whole minutes come from the per-minute aggregate
 * (operation_history_minutes, migrations/0008: one row per minute and operation, however many
 * requests it counts); the partial minutes at its two edges from the history's rows, grouped by
 * operation and latency bucket in SQL (the start-time index of each segment bounds the scan), or,
 * where the window holds most of an edge minute, from that minute's aggregate less the rows of it
 * outside the window. Count, errors and bytes are exact; p50/p95/p99 are read from the merged
 * histograms, so they lie within the bounds of the buckets (2 % wide) of the exact percentiles.
 */
export class HistorySummaryQuery {
  private readonly wholeMinutes: Database.Statement<[number, number], FiguresRow>;
  private readonly edgeRows: Database.Statement<[number, number], FiguresRow>;
  private readonly inSnapshot: (window: Window) => Map<string | null, MinuteFigures>;

  constructor(journal: JournalDatabase) {
    const { db } = journal;
    this.wholeMinutes = db
      .prepare<[number, number], FiguresRow>(
        'SELECT operation, count, errors, bytes_in, bytes_out, latency FROM operation_history_minutes WHERE minute >= ? AND minute < ?',
      )
      .raw();
    this.edgeRows = db
      .prepare<[number, number], FiguresRow>(
        `SELECT operation, count(*), sum(http_status >= 400), sum(bytes_in), sum(bytes_out), ${LATENCY_BUCKET_SQL} AS latency_bucket
        FROM operation_history WHERE started_at >= ? AND started_at < ? GROUP BY operation, latency_bucket`,
      )
      .raw();
    // One read transaction: the aggregate and the rows as one batch (or one drop) left them both.
    this.inSnapshot = db.transaction((window: Window) => this.figuresByOperation(window));
  }

  summarize(window: Window): HistorySummary {
    const byOperation = this.inSnapshot(window);
    const total = emptyFigures();
    const operations: OperationStats[] = [];
    for (const [operation, figures] of byOperation) {
      addFigures(total, figures);
      total.latency.addHistogram(figures.latency);
      operations.push({ operation, ...statsOf(figures) });
    }
    operations.sort(busiestFirst);
    return { ...window, operations, total: total.count > 0 ? statsOf(total) : null };
  }

  private figuresByOperation({ from, to }: Window): Map<string | null, MinuteFigures> {
    const byOperation = new Map<string | null, MinuteFigures>();
    const add = (rows: FiguresRow[], sign: 1 | -1) => {
      for (const row of rows) {
        let figures = byOperation.get(row[0]);
        if (!figures) byOperation.set(row[0], (figures = emptyFigures()));
        addFigures(figures, { count: row[1], errors: row[2], bytesIn: row[3], bytesOut: row[4] }, sign);
        const latency = row[5];
        if (typeof latency === 'number') figures.latency.addToBucket(latency, sign * row[1]);
        else figures.latency.addEncoded(latency, sign);
      }
    };
    /**
     * The part [start, end) of one minute: its rows when they are at most half of the minute,
     * else the minute's aggregate less the rows of the rest of it. So an edge reads at most half
     * a minute of rows, and a window ending now (no row after it yet) almost none at its end.
     */
    const addPartOfMinute = (minute: number, start: number, end: number) => {
      if ((end - start) * 2 <= MINUTE_MS) return add(this.edgeRows.all(start, end), 1);
      add(this.wholeMinutes.all(minute, minute + 1), 1);
      add(this.edgeRows.all(minute * MINUTE_MS, start), -1);
      add(this.edgeRows.all(end, (minute + 1) * MINUTE_MS), -1);
    };
    if (from >= to) return byOperation;
    const firstWhole = Math.ceil(from / MINUTE_MS);
    const endWhole = Math.floor(to / MINUTE_MS);
    if (firstWhole > endWhole) {
      // Both ends inside one minute, neither on its boundary.
      addPartOfMinute(endWhole, from, to);
    } else {
      if (from < firstWhole * MINUTE_MS) addPartOfMinute(firstWhole - 1, from, firstWhole * MINUTE_MS);
      add(this.wholeMinutes.all(firstWhole, endWhole), 1);
      if (to > endWhole * MINUTE_MS) addPartOfMinute(endWhole, endWhole * MINUTE_MS, to);
    }
    // An operation whose every row of an edge minute lay outside the window.
    for (const [operation, figures] of byOperation) if (figures.count === 0) byOperation.delete(operation);
    return byOperation;
  }
}

function addFigures(into: Omit<MinuteFigures, 'latency'>, figures: Omit<MinuteFigures, 'latency'>, sign: 1 | -1 = 1): void {
  into.count += sign * figures.count;
  into.errors += sign * figures.errors;
  into.bytesIn += sign * figures.bytesIn;
  into.bytesOut += sign * figures.bytesOut;
}

function statsOf({ count, errors, bytesIn, bytesOut, latency }: MinuteFigures): Omit<OperationStats, 'operation'> {
  return { count, errors, bytesIn, bytesOut, p50Ms: latency.percentile(50), p95Ms: latency.percentile(95), p99Ms: latency.percentile(99) };
}

/** As the SQL before it ordered them (count(*) DESC, operation): ties by name, NULL first. */
function busiestFirst(a: OperationStats, b: OperationStats): number {
  if (a.count !== b.count) return b.count - a.count;
  if (a.operation === b.operation) return 0;
  if (a.operation === null) return -1;
  if (b.operation === null) return 1;
  return a.operation < b.operation ? -1 : 1;
}
