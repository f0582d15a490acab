import type { HistorySummary, OperationStats } from '../../journal/history/history-summary';
import { micros } from './operation-view';

export interface SummaryView {
  from: string;
  to: string;
  operations: OperationStats[];
  total: Omit<OperationStats, 'operation'> | null;
}

/** The summary with ISO-8601 window bounds and durations to the microsecond. */
export function summaryView(summary: HistorySummary): SummaryView {
  return {
    from: new Date(summary.from).toISOString(),
    to: new Date(summary.to).toISOString(),
    operations: summary.operations.map(rounded),
    total: summary.total && rounded(summary.total),
  };
}

function rounded<T extends Omit<OperationStats, 'operation'>>(stats: T): T {
  return { ...stats, p50Ms: micros(stats.p50Ms), p95Ms: micros(stats.p95Ms), p99Ms: micros(stats.p99Ms) };
}
