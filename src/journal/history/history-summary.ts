import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../journal-database';

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

// percentile() is SQLite's (3.47+), compiled into better-sqlite3's bundled SQLite by default
// (SQLITE_ENABLE_PERCENTILE): it interpolates between the two nearest rows, as percentile_cont does.
const FIGURES = `count(*) AS count,
  sum(http_status >= 400) AS errors,
  sum(bytes_in) AS bytesIn,
  sum(bytes_out) AS bytesOut,
  percentile(duration_ms, 50) AS p50Ms,
  percentile(duration_ms, 95) AS p95Ms,
  percentile(duration_ms, 99) AS p99Ms`;

/** The summary the admin API serves, computed by SQL over `operation_history` (its start-time index bounds the scan). */
export class HistorySummaryQuery {
  private readonly byOperation: Database.Statement<[Window], OperationStats>;
  private readonly overall: Database.Statement<[Window], Omit<OperationStats, 'operation'>>;

  constructor(journal: JournalDatabase) {
    const where = 'FROM operation_history WHERE started_at >= @from AND started_at < @to';
    this.byOperation = journal.db.prepare<[Window], OperationStats>(
      `SELECT operation, ${FIGURES} ${where} GROUP BY operation ORDER BY count(*) DESC, operation`,
    );
    this.overall = journal.db.prepare<[Window], Omit<OperationStats, 'operation'>>(`SELECT ${FIGURES} ${where}`);
  }

  summarize(window: Window): HistorySummary {
    const operations = this.byOperation.all(window);
    const total = this.overall.get(window);
    return { ...window, operations, total: total && total.count > 0 ? total : null };
  }
}
