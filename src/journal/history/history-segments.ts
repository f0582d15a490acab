import type Database from 'better-sqlite3';

/** One segment of the history, as `operation_history_segments` (migrations/0006) records it. */
export interface Segment {
  segment: number;
  /** operation_history_<segment>. */
  table: string;
  firstId: number;
  /** null while the segment is empty. */
  lastId: number | null;
  openedAt: number;
  minStartedAt: number | null;
  maxStartedAt: number | null;
}

/** A segment that holds rows: its range of ids and of start times are known. */
export type FilledSegment = Segment & { lastId: number; minStartedAt: number; maxStartedAt: number };

/** What one batch wrote into the current segment, for its catalog row. */
export interface SegmentWrite {
  lastId: number;
  minStartedAt: number;
  maxStartedAt: number;
}

type SegmentRow = Omit<Segment, 'table'>;

const SEGMENT_COLUMNS = `segment, first_id AS firstId, last_id AS lastId, opened_at AS openedAt,
  min_started_at AS minStartedAt, max_started_at AS maxStartedAt`;

/** The table migrations/0006 made for new segments to be made like; it holds no row. */
const TEMPLATE = 'operation_history_template';

export function segmentTable(segment: number): string {
  return `operation_history_${segment}`;
}

/** SQLite refuses a compound SELECT of more than 500 terms (SQLITE_MAX_COMPOUND_SELECT); nesting stays under it. */
const MAX_UNION_TERMS = 400;

/** `SELECT * FROM` every table, as one UNION ALL, nested by groups when there are many. */
export function unionAllOf(tables: readonly string[]): string {
  let terms = tables.map((table) => `SELECT * FROM ${table}`);
  while (terms.length > MAX_UNION_TERMS) {
    const groups: string[] = [];
    for (let i = 0; i < terms.length; i += MAX_UNION_TERMS) {
      groups.push(`SELECT * FROM (${terms.slice(i, i + MAX_UNION_TERMS).join(' UNION ALL ')})`);
    }
    terms = groups;
  }
  return terms.join(' UNION ALL ');
}

/**
 * The catalog of segments and the id counter. Every method runs inside the caller's transaction:
 * the writer's (open a segment, record a batch) or the pruner's (drop one), so the catalog, the
 * tables and the `operation_history` view always change together, also seen from other processes.
 */
export class HistorySegments {
  private readonly selectAll: Database.Statement<[], SegmentRow>;
  private readonly selectNewest: Database.Statement<[], SegmentRow>;
  private readonly selectNextId: Database.Statement<[], number>;
  private readonly insertSegment: Database.Statement<[number, number], { segment: number }>;
  private readonly updateSegment: Database.Statement<[SegmentWrite & { segment: number }]>;
  private readonly updateNextId: Database.Statement<[number]>;
  private readonly deleteSegment: Database.Statement<[number]>;
  private readonly selectTemplate: Database.Statement<[], string>;
  private readonly startIds: Database.Statement<[string, number]>;

  constructor(private readonly db: Database.Database) {
    this.selectAll = db.prepare<[], SegmentRow>(`SELECT ${SEGMENT_COLUMNS} FROM operation_history_segments ORDER BY segment`);
    this.selectNewest = db.prepare<[], SegmentRow>(
      `SELECT ${SEGMENT_COLUMNS} FROM operation_history_segments ORDER BY segment DESC LIMIT 1`,
    );
    this.selectNextId = db.prepare<[], number>('SELECT next_id FROM operation_history_next_id').pluck();
    this.insertSegment = db.prepare<[number, number], { segment: number }>(
      'INSERT INTO operation_history_segments (first_id, opened_at) VALUES (?, ?) RETURNING segment',
    );
    this.updateSegment = db.prepare<[SegmentWrite & { segment: number }]>(`UPDATE operation_history_segments
      SET last_id = @lastId, min_started_at = min(coalesce(min_started_at, @minStartedAt), @minStartedAt),
        max_started_at = max(coalesce(max_started_at, @maxStartedAt), @maxStartedAt)
      WHERE segment = @segment`);
    this.updateNextId = db.prepare<[number]>('UPDATE operation_history_next_id SET next_id = ?');
    this.deleteSegment = db.prepare<[number]>('DELETE FROM operation_history_segments WHERE segment = ?');
    // The table first (rowid order is creation order), then its indexes.
    // The row AUTOINCREMENT would keep for the table once it had rows: its next id is seq + 1.
    this.startIds = db.prepare<[string, number]>('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)');
    this.selectTemplate = db.prepare<[], string>(`SELECT sql FROM sqlite_master WHERE tbl_name = '${TEMPLATE}' ORDER BY type = 'index', rowid`).pluck();
  }

  /** Oldest first. */
  all(): Segment[] {
    return this.selectAll.all().map(withTable);
  }

  /** The segment new rows go into; there is always one (migration 0006 makes the first). */
  current(): Segment {
    const row = this.selectNewest.get();
    if (!row) throw new Error('operation history: the segment catalog is empty');
    return withTable(row);
  }

  /** The id the next row written gets. */
  nextId(): number {
    return this.selectNextId.get() as number;
  }

  /** Creates the next segment, starting at the next id, and makes it the current one. */
  open(openedAt: number): Segment {
    const firstId = this.nextId();
    const { segment } = this.insertSegment.get(firstId, openedAt) as { segment: number };
    this.createLikeTemplate(segmentTable(segment));
    this.startIds.run(segmentTable(segment), firstId - 1);
    this.recreateView();
    return { segment, table: segmentTable(segment), firstId, lastId: null, openedAt, minStartedAt: null, maxStartedAt: null };
  }

  /** After a batch of ids up to `write.lastId` went into `segment`. */
  recordWrite(segment: Segment, write: SegmentWrite): void {
    this.updateSegment.run({ ...write, segment: segment.segment });
    this.updateNextId.run(write.lastId + 1);
  }

  /**
   * Drops the segment's table and its catalog row. The current segment may go too (every row in it
   * past the age limit): an empty one takes its place, so new rows always have a segment.
   */
  drop(segment: Segment, now: number): void {
    this.deleteSegment.run(segment.segment);
    this.db.exec(`DROP TABLE ${segment.table}`);
    if (this.selectNewest.get() === undefined) this.open(now);
    else this.recreateView();
  }

  /** The template's statements with its name replaced: it is a whole word in each, and in no other name. */
  private createLikeTemplate(table: string): void {
    const name = new RegExp(`\\b${TEMPLATE}`, 'g');
    for (const sql of this.selectTemplate.all() as string[]) this.db.exec(sql.replace(name, table));
  }

  private recreateView(): void {
    const tables = this.all().map((segment) => segment.table);
    this.db.exec(`DROP VIEW IF EXISTS operation_history; CREATE VIEW operation_history AS ${unionAllOf(tables)}`);
  }
}

function withTable(row: SegmentRow): Segment {
  return { ...row, table: segmentTable(row.segment) };
}
