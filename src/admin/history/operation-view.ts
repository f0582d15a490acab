import type { StoredOperation } from '../../journal/history/operation-record';

/** A history row as the admin API sends it: times as ISO-8601, durations to the microsecond. */
export type OperationView = Omit<StoredOperation, 'startedAt'> & { startedAt: string };

export function operationView(row: StoredOperation): OperationView {
  return {
    ...row,
    startedAt: new Date(row.startedAt).toISOString(),
    durationMs: micros(row.durationMs),
    authMs: row.authMs === null ? null : micros(row.authMs),
    backendMs: row.backendMs === null ? null : micros(row.backendMs),
  };
}

export function micros(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
