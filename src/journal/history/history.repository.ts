import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../journal-database';
import { HistoryMinutes } from './history-minutes';
import { HistorySegments, type Segment } from './history-segments';
import type { OperationFilter, OperationPage } from './operation-filter';
import { OperationListing, type ListParams } from './operation-listing';
import type { OperationRecord, StoredOperation } from './operation-record';
import { OperationRowsInsert } from './operation-rows-insert';
import { DEFAULT_SEGMENT_LIMITS, type SegmentLimits } from './segment-limits';
import { withShortBusyTimeout } from './short-busy-timeout';
import { COLUMNS, toStored, type StoredRow } from './stored-row';

/** How long a history write waits for another process's write lock (see insertMany). */
export type HistoryWait = 'briefly' | 'patiently';

export interface HistoryRepositoryOptions {
  /** When a batch opens a new segment; the gateway derives them from its retention. */
  segments?: SegmentLimits;
  now?: () => number;
}

/**
 * The operation history's rows (migrations/0003, 0005, 0006): all its SQL but pruning and summaries.
 * Rows go into the current segment, and into the per-minute aggregate (0008) in the same transaction; reads see every segment, each in one read transaction so
 * that a segment dropped meanwhile by another process is either wholly there or wholly gone.
 */
export class HistoryRepository {
  private readonly segments: HistorySegments;
  private readonly minutes: HistoryMinutes;
  private readonly limits: SegmentLimits;
  private readonly now: () => number;
  private readonly selectOperation: Database.Statement<[number], StoredRow>;
  private readonly listing: OperationListing;
  private readonly insertBatch: (rows: readonly OperationRecord[]) => void;
  private readonly listInSnapshot: (params: ListParams) => StoredRow[];
  /** The insert statements of the segment written last: prepared again only when a new one opens. */
  private inserts: { segment: number; insert: OperationRowsInsert } | undefined;

  constructor(
    private readonly journal: JournalDatabase,
    options: HistoryRepositoryOptions = {},
  ) {
    const { db } = journal;
    this.segments = new HistorySegments(db);
    this.minutes = new HistoryMinutes(db);
    this.limits = options.segments ?? DEFAULT_SEGMENT_LIMITS;
    this.now = options.now ?? Date.now;
    // Through the view: one primary-key probe per segment.
    this.selectOperation = db.prepare<[number], StoredRow>(`SELECT ${COLUMNS} FROM operation_history WHERE id = ?`);
    this.listing = new OperationListing(db);
    const transaction = db.transaction((rows: readonly OperationRecord[]) => this.write(rows));
    this.insertBatch = (rows) => transaction.immediate(rows);
    this.listInSnapshot = db.transaction((params: ListParams) => this.listing.list(this.segments.all(), params));
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
    return this.listInSnapshot(params).map(toStored);
  }

  /** Inside the batch's write transaction: the segment, the rows (numbered by SQLite), the catalog, then the minutes. */
  private write(rows: readonly OperationRecord[]): void {
    let segment = this.segments.current();
    if (this.isFull(segment, this.segments.nextId())) segment = this.segments.open(this.now());
    const lastId = this.insertInto(segment).run(rows);
    let minStartedAt = rows[0].startedAt;
    let maxStartedAt = minStartedAt;
    for (const { startedAt } of rows) {
      if (startedAt < minStartedAt) minStartedAt = startedAt;
      else if (startedAt > maxStartedAt) maxStartedAt = startedAt;
    }
    this.segments.recordWrite(segment, { lastId, minStartedAt, maxStartedAt });
    this.minutes.add(rows);
  }

  /** An empty segment takes rows whatever its age: opening another would gain nothing. */
  private isFull(segment: Segment, nextId: number): boolean {
    if (segment.lastId === null) return false;
    return nextId - segment.firstId >= this.limits.rows || this.now() - segment.openedAt >= this.limits.spanMs;
  }

  private insertInto(segment: Segment): OperationRowsInsert {
    if (this.inserts?.segment !== segment.segment) {
      this.inserts = { segment: segment.segment, insert: new OperationRowsInsert(this.journal.db, segment.table) };
    }
    return this.inserts.insert;
  }
}
