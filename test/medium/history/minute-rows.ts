import type { JournalDatabase } from '../../../src/journal/journal-database';
import { latencyBucket } from '../../../src/journal/history/latency-buckets';
import type { OperationRecord } from '../../../src/journal/history/operation-record';

/** A row of operation_history_minutes, its histogram as [bucket, count] pairs in bucket order. */
export interface MinuteRow {
  minute: number;
  operation: string | null;
  count: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  latency: Array<[number, number]>;
}

/** Unknown operations (NULL) last. */
const byMinuteThenOperation = (a: MinuteRow, b: MinuteRow) =>
  a.minute - b.minute || (a.operation === b.operation ? 0 : a.operation === null ? 1 : b.operation === null || a.operation < b.operation ? -1 : 1);

/** The aggregate as stored, its blobs decoded by hand (6 bytes a bucket: index u16, count u32, big-endian). */
export function minuteRows(journal: JournalDatabase): MinuteRow[] {
  const rows = journal.db
    .prepare('SELECT minute, operation, count, errors, bytes_in AS bytesIn, bytes_out AS bytesOut, latency FROM operation_history_minutes')
    .all() as Array<Omit<MinuteRow, 'latency'> & { latency: Buffer }>;
  return rows
    .map((row) => {
      const latency: Array<[number, number]> = [];
      for (let at = 0; at < row.latency.length; at += 6) latency.push([row.latency.readUInt16BE(at), row.latency.readUInt32BE(at + 2)]);
      return { ...row, latency };
    })
    .sort(byMinuteThenOperation);
}

/** What the aggregate must hold for `rows`: one row per minute of start and operation. */
export function minuteRowsOf(rows: readonly OperationRecord[]): MinuteRow[] {
  const groups = new Map<string, { row: MinuteRow; buckets: Map<number, number> }>();
  for (const r of rows) {
    const minute = Math.floor(r.startedAt / 60_000);
    const key = `${minute} ${r.operation}`;
    let group = groups.get(key);
    if (!group) {
      group = { row: { minute, operation: r.operation, count: 0, errors: 0, bytesIn: 0, bytesOut: 0, latency: [] }, buckets: new Map() };
      groups.set(key, group);
    }
    group.row.count++;
    group.row.errors += r.httpStatus >= 400 ? 1 : 0;
    group.row.bytesIn += r.bytesIn;
    group.row.bytesOut += r.bytesOut;
    const bucket = latencyBucket(r.durationMs);
    group.buckets.set(bucket, (group.buckets.get(bucket) ?? 0) + 1);
  }
  return [...groups.values()]
    .map(({ row, buckets }) => ({ ...row, latency: [...buckets].sort((a, b) => a[0] - b[0]) }))
    .sort(byMinuteThenOperation);
}
