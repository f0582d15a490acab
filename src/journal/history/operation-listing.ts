import type Database from 'better-sqlite3';
import type { FilledSegment, Segment } from './history-segments';
import { COLUMNS, type StoredRow } from './stored-row';

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

/** What a segment's statement binds besides the listing's own parameters: the generations of its ids. */
type SegmentParams = ListParams & { generationFrom: number; generationTo: number };

/**
 * The trace index (migrations/0005, and each segment's) leads with the row's generation,
 * `id >> 12`: SQLite uses it only for that same expression. A lookup by trace id probes every
 * generation of the segment's ids, from its first to its last.
 */
const GENERATION_BITS = 12;
const GENERATIONS = `WITH RECURSIVE generation(n) AS (
    SELECT @generationFrom UNION ALL SELECT n + 1 FROM generation WHERE n < @generationTo)
  SELECT n FROM generation`;

/** A column as a clause names it: `+column` keeps SQLite from reaching for that column's index. */
type Column = (name: string) => string;

/** One WHERE clause per filter field; a statement holds only those of the fields given, so each can use its index. */
const CLAUSES: ReadonlyArray<readonly [keyof ListParams, (column: Column) => string]> = [
  ['bucket', (c) => `${c('bucket')} = @bucket`],
  ['keyPrefix', (c) => `substr(${c('object_key')}, 1, length(@keyPrefix)) = @keyPrefix`],
  ['operation', (c) => `${c('operation')} = @operation`],
  ['accessKey', (c) => `${c('access_key')} = @accessKey`],
  ['statusMin', (c) => `${c('http_status')} BETWEEN @statusMin AND @statusMax`],
  ['errorCode', (c) => `${c('error_code')} = @errorCode`],
  ['from', (c) => `${c('started_at')} >= @from`],
  ['to', (c) => `${c('started_at')} < @to`],
  ['traceId', () => `(id >> ${GENERATION_BITS}) IN (${GENERATIONS}) AND trace_id = @traceId`],
  // Row values compare lexicographically, which is exactly newest-first order.
  ['afterStartedAt', (c) => `(${c('started_at')}, id) < (@afterStartedAt, @afterId)`],
];

const indexed: Column = (name) => name;
const unindexed: Column = (name) => `+${name}`;

/**
 * The listing statement over one segment's table for the filters given in `params` (only which
 * are set counts), newest first. `unordered`: every matching row in no particular order, for
 * lookups by trace id (below).
 */
export function listingSql(table: string, params: ListParams, order: 'newest-first' | 'unordered' = 'newest-first'): string {
  // A trace id names one request (a few, when a client reuses its traceparent): no filter is
  // narrower, but without statistics SQLite would rather walk a bucket's or an account's rows.
  const column = params.traceId !== undefined ? unindexed : indexed;
  const used = CLAUSES.filter(([field]) => params[field] !== undefined);
  const where = used.length > 0 ? `WHERE ${used.map(([, clause]) => clause(column)).join(' AND ')}` : '';
  const sorted = order === 'newest-first' ? ' ORDER BY started_at DESC, id DESC LIMIT @limit' : '';
  return `SELECT ${COLUMNS} FROM ${table} ${where}${sorted}`;
}

/**
 * A listing across segments, newest first: each segment that may hold a matching row is listed
 * by its own indexes, and the pages merged. Start times do not follow ids exactly (a slow
 * request's row is written after faster later ones, and workers write batches in turns), so
 * segments overlap in time at their edges: they are visited by their newest start time, and the
 * walk stops at the first segment whose newest row would come after the page's last.
 */
export class OperationListing {
  /** Statements by segment, then by the set of filters they test: prepared on first use, forgotten with their segment. */
  private readonly statements = new Map<number, Map<string, Database.Statement<[SegmentParams], StoredRow>>>();

  constructor(private readonly db: Database.Database) {}

  /** `segments` as the catalog holds them in the same read transaction. */
  list(segments: readonly Segment[], params: ListParams): StoredRow[] {
    this.forgetDropped(segments);
    const candidates = segments.filter((segment) => mayHold(segment, params));
    candidates.sort((a, b) => b.maxStartedAt - a.maxStartedAt);
    let found: StoredRow[] = [];
    for (const segment of candidates) {
      const last = found.length >= params.limit ? found[params.limit - 1] : undefined;
      if (last && segment.maxStartedAt < last.startedAt) break;
      const bound = { ...params, generationFrom: segment.firstId >> GENERATION_BITS, generationTo: segment.lastId >> GENERATION_BITS };
      const rows = (params.traceId !== undefined && this.allOfFew(segment, bound)) || this.statement(segment, params, 'newest-first').all(bound);
      found = [...found, ...rows].sort(newestFirst).slice(0, params.limit);
    }
    return found;
  }

  /**
   * The rows of a trace id in one segment, when there are no more than a page of them (all but
   * always: a trace id names one request), else undefined. The trace index gives them in index
   * order, so ordering them in SQL takes a sorter, which cost twice the lookup itself.
   */
  private allOfFew(segment: Segment, bound: SegmentParams): StoredRow[] | undefined {
    const rows: StoredRow[] = [];
    for (const row of this.statement(segment, bound, 'unordered').iterate(bound)) {
      // Leaving the loop early resets the statement.
      if (rows.push(row) > bound.limit) return undefined;
    }
    return rows;
  }

  private statement(segment: Segment, params: ListParams, order: 'newest-first' | 'unordered'): Database.Statement<[SegmentParams], StoredRow> {
    const shape = `${order}:${CLAUSES.filter(([field]) => params[field] !== undefined)
      .map(([field]) => field)
      .join(',')}`;
    let bySegment = this.statements.get(segment.segment);
    if (!bySegment) {
      bySegment = new Map();
      this.statements.set(segment.segment, bySegment);
    }
    let statement = bySegment.get(shape);
    if (!statement) {
      statement = this.db.prepare<[SegmentParams], StoredRow>(listingSql(segment.table, params, order));
      bySegment.set(shape, statement);
    }
    return statement;
  }

  private forgetDropped(segments: readonly Segment[]): void {
    if (this.statements.size === 0) return;
    const live = new Set(segments.map((segment) => segment.segment));
    for (const segment of this.statements.keys()) if (!live.has(segment)) this.statements.delete(segment);
  }
}

/** False when the catalog alone shows that no row of the segment can be on the page. */
function mayHold(segment: Segment, params: ListParams): segment is FilledSegment {
  const { lastId, minStartedAt, maxStartedAt } = segment;
  if (lastId === null || minStartedAt === null || maxStartedAt === null) return false;
  if (params.from !== undefined && maxStartedAt < params.from) return false;
  if (params.to !== undefined && minStartedAt >= params.to) return false;
  // Every row started after the cursor's: all of them were on earlier pages.
  return params.afterStartedAt === undefined || minStartedAt <= params.afterStartedAt;
}

function newestFirst(a: StoredRow, b: StoredRow): number {
  return b.startedAt - a.startedAt || b.id - a.id;
}
