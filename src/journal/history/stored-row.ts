import type { OperationRecord, StoredOperation } from './operation-record';

/** OperationRecord as bound to SQLite, which has no booleans. */
export type OperationRow = Omit<OperationRecord, 'completed'> & { completed: 0 | 1 };
export type StoredRow = OperationRow & { id: number };

/** A history row's columns under the names of StoredOperation; the same in every segment and in the view. */
export const COLUMNS = `id, trace_id AS traceId, request_id AS requestId, operation, bucket, object_key AS key,
  upload_id AS uploadId, part_number AS partNumber, access_key AS accessKey, role,
  client_address AS clientAddress, user_agent AS userAgent, http_status AS httpStatus,
  error_code AS errorCode, bytes_in AS bytesIn, bytes_out AS bytesOut, started_at AS startedAt,
  duration_ms AS durationMs, auth_ms AS authMs, backend_ms AS backendMs, completed`;

export function toStored(row: StoredRow): StoredOperation {
  return { ...row, completed: row.completed === 1 };
}
