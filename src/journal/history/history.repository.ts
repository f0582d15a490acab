import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../journal-database';
import type { OperationFilter, OperationPage } from './operation-filter';
import type { OperationRecord, StoredOperation } from './operation-record';
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
interface ListParams {
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
  ['traceId', 'trace_id = @traceId'],
  // Row values compare lexicographically, which is exactly newest-first order.
  ['afterStartedAt', '(started_at, id) < (@afterStartedAt, @afterId)'],
];

/** The `operation_history` table (migrations/0003_operation_history.sql): all its SQL but pruning and summaries. */
export class HistoryRepository {
  private readonly insertOperation: Database.Statement<[OperationRow]>;
  private readonly selectOperation: Database.Statement<[number], StoredRow>;
  private readonly insertBatch: (rows: readonly OperationRecord[]) => void;
  /** Listing statements by the set of filters they test: at most 2^10, prepared on first use. */
  private readonly listings = new Map<string, Database.Statement<[ListParams], StoredRow>>();

  constructor(private readonly journal: JournalDatabase) {
    const { db } = journal;
    this.insertOperation = db.prepare<[OperationRow]>(`
      INSERT INTO operation_history (trace_id, request_id, operation, bucket, object_key, upload_id, part_number,
        access_key, role, client_address, user_agent, http_status, error_code, bytes_in, bytes_out, started_at,
        duration_ms, auth_ms, backend_ms, completed)
      VALUES (@traceId, @requestId, @operation, @bucket, @key, @uploadId, @partNumber,
        @accessKey, @role, @clientAddress, @userAgent, @httpStatus, @errorCode, @bytesIn, @bytesOut, @startedAt,
        @durationMs, @authMs, @backendMs, @completed)`);
    this.selectOperation = db.prepare<[number], StoredRow>(`SELECT ${COLUMNS} FROM operation_history WHERE id = ?`);
    const transaction = db.transaction((rows: readonly OperationRecord[]) => {
      for (const row of rows) this.insertOperation.run({ ...row, completed: row.completed ? 1 : 0 });
    });
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
    const used = CLAUSES.filter(([field]) => params[field] !== undefined);
    const shape = used.map(([field]) => field).join(',');
    let statement = this.listings.get(shape);
    if (!statement) {
      const where = used.length > 0 ? `WHERE ${used.map(([, clause]) => clause).join(' AND ')}` : '';
      statement = this.journal.db.prepare<[ListParams], StoredRow>(
        `SELECT ${COLUMNS} FROM operation_history ${where} ORDER BY started_at DESC, id DESC LIMIT @limit`,
      );
      this.listings.set(shape, statement);
    }
    return statement;
  }
}

function toStored(row: StoredRow): StoredOperation {
  return { ...row, completed: row.completed === 1 };
}
