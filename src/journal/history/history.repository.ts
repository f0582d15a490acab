import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../journal-database';
import type { OperationFilter, OperationPage } from './operation-filter';
import type { OperationRecord, StoredOperation } from './operation-record';
import { OperationRowsInsert } from './operation-rows-insert';
import { withShortBusyTimeout } from './short-busy-timeout';

/** How long a history write waits for another process's write lock (see insertMany). */
export type HistoryWait = 'briefly' | 'patiently';

/** OperationRecord as bound to SQLite, which has no booleans. */
type OperationRow = Omit<OperationRecord, 'completed'> & { completed: 0 | 1 };
type StoredRow = OperationRow & { id: number };

const COLUMNS = `id, trace_id AS traceId, request_id AS requestId, operation, bucket, object_key AS key,
  upload_id AS uploadId, part_number AS partNumber, access_key AS accessKey, role,
  client_address AS clientAddress, user_agent AS userAgent, http_status AS httpStatus,
  error_code AS errorCode, bytes_in AS bytesIn, bytes_out AS bytesOut, started_at AS startedAt,
  duration_ms AS durationMs, auth_ms AS authMs, backend_ms AS backendMs, completed`;

/** Parameters of a listing statement: the filter flattened, plus the page. */
export interface ListParams {
  bucket?: string;
  keyPrefix?: string;
  operation?: string;
  accessKey?: string;
  statusMin?: number;
  statusMax?: number;
  errorCode?: string;
  from?: number;
  to?: number;
  traceId?: string;
  afterStartedAt?: number;
  afterId?: number;
  limit: number;
}

/**
 * The trace index (migrations/0005_operation_history_trace_index.sql) leads with the row's
 * generation, `id >> 12`: SQLite uses it only for that same expression. A lookup by trace id
 * probes every generation from the oldest row's to the newest's.
 */
const GENERATION_BITS = 12;
const GENERATIONS = `WITH RECURSIVE generation(n) AS (
    SELECT (SELECT min(id) FROM operation_history) >> ${GENERATION_BITS}
    UNION ALL SELECT n + 1 FROM generation WHERE n < (SELECT max(id) FROM operation_history) >> ${GENERATION_BITS})
  SELECT n FROM generation`;

/** One WHERE clause per filter field; a statement holds only those of the fields given, so each can use its index. */
const CLAUSES: ReadonlyArray<readonly [keyof ListParams, string]> = [
  ['bucket', 'bucket = @bucket'],
  ['keyPrefix', 'substr(object_key, 1, length(@keyPrefix)) = @keyPrefix'],
  ['operation', 'operation = @operation'],
  ['accessKey', 'access_key = @accessKey'],
  ['statusMin', 'http_status BETWEEN @statusMin AND @statusMax'],
  ['errorCode', 'error_code = @errorCode'],
  ['from', 'started_at >= @from'],
  ['to', 'started_at < @to'],
  ['traceId', `(id >> ${GENERATION_BITS}) IN (${GENERATIONS}) AND trace_id = @traceId`],
  // Row values compare lexicographically, which is exactly newest-first order.
  ['afterStartedAt', '(started_at, id) < (@afterStartedAt, @afterId)'],
];

/** The `operation_history` table (migrations/0003 and 0005): all its SQL but pruning and summaries. */
export class HistoryRepository {
  private readonly selectOperation: Database.Statement<[number], StoredRow>;
  private readonly insertBatch: (rows: readonly OperationRecord[]) => void;
  /** Listing statements by the set of filters they test: at most 2^10, prepared on first use. */
  private readonly listings = new Map<string, Database.Statement<[ListParams], StoredRow>>();

  constructor(private readonly journal: JournalDatabase) {
    const { db } = journal;
    this.selectOperation = db.prepare<[number], StoredRow>(`SELECT ${COLUMNS} FROM operation_history WHERE id = ?`);
    const insert = new OperationRowsInsert(db);
    const transaction = db.transaction((rows: readonly OperationRecord[]) => insert.run(rows));
    this.insertBatch = (rows) => transaction.immediate(rows);
  }

  /**
   * All rows in one transaction: all stored or, when it throws, none. `briefly` (batches written
   * while requests are served) gives up with SQLITE_BUSY after HISTORY_BUSY_TIMEOUT_MS of
   * another process's write lock; `patiently` (the last flush at shutdown, when every worker
   * drains at once and no request waits any more) takes the journal's usual busy timeout.
   */
  insertMany(rows: readonly OperationRecord[], wait: HistoryWait = 'briefly'): void {
    if (rows.length === 0) return;
    if (wait === 'patiently') this.insertBatch(rows);
    else withShortBusyTimeout(this.journal.db, () => this.insertBatch(rows));
  }

  find(id: number): StoredOperation | undefined {
    const row = this.selectOperation.get(id);
    return row && toStored(row);
  }

  /** Newest first (start time, then id), `page.limit` rows at most, after `page.after` when given. */
  list(filter: OperationFilter, page: OperationPage): StoredOperation[] {
    const params: ListParams = {
      bucket: filter.bucket,
      keyPrefix: filter.keyPrefix,
      operation: filter.operation,
      accessKey: filter.accessKey,
      statusMin: filter.status?.min,
      statusMax: filter.status?.max,
      errorCode: filter.errorCode,
      from: filter.from,
      to: filter.to,
      traceId: filter.traceId,
      afterStartedAt: page.after?.startedAt,
      afterId: page.after?.id,
      limit: page.limit,
    };
    // Parameters the statement does not use are ignored by better-sqlite3.
    return this.listing(params).all(params).map(toStored);
  }

  private listing(params: ListParams): Database.Statement<[ListParams], StoredRow> {
    const shape = CLAUSES.filter(([field]) => params[field] !== undefined)
      .map(([field]) => field)
      .join(',');
    let statement = this.listings.get(shape);
    if (!statement) {
      statement = this.journal.db.prepare<[ListParams], StoredRow>(listingSql(params));
      this.listings.set(shape, statement);
    }
    return statement;
  }
}

/** The listing statement for the filters given in `params` (any value: only which are set counts). */
export function listingSql(params: ListParams): string {
  const used = CLAUSES.filter(([field]) => params[field] !== undefined);
  const where = used.length > 0 ? `WHERE ${used.map(([, clause]) => clause).join(' AND ')}` : '';
  // A trace id names one request (a few, when a client reuses its traceparent): no filter is
  // narrower, but without statistics SQLite would rather walk a bucket's or an account's rows.
  const table = params.traceId !== undefined ? 'operation_history INDEXED BY operation_history_by_trace' : 'operation_history';
  return `SELECT ${COLUMNS} FROM ${table} ${where} ORDER BY started_at DESC, id DESC LIMIT @limit`;
}

function toStored(row: StoredRow): StoredOperation {
  return { ...row, completed: row.completed === 1 };
}
