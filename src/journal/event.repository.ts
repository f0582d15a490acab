import type Database from 'better-sqlite3';
import type { JournalDatabase } from './journal-database';

export interface EventRow {
  seq: number;
  streamId: string;
  type: string;
  /** JSON text. */
  data: string;
  time: string;
  traceId: string | null;
}

/** The append-only `events` table (migrations/0001_event_store.sql). */
export class EventRepository {
  private readonly insertEvent: Database.Statement<[Omit<EventRow, 'seq'>]>;
  private readonly selectPage: Database.Statement<[{ afterSeq: number; limit: number }], EventRow>;
  private readonly selectStream: Database.Statement<[string], EventRow>;
  private readonly selectLastSeq: Database.Statement<[], { seq: number | null }>;
  private readonly selectStreamsBetween: Database.Statement<[{ afterSeq: number; lastSeq: number; from: string; to: string }], string>;

  constructor(journal: JournalDatabase) {
    const { db } = journal;
    this.insertEvent = db.prepare<[Omit<EventRow, 'seq'>]>(
      'INSERT INTO events (stream_id, type, data, time, trace_id) VALUES (@streamId, @type, @data, @time, @traceId)',
    );
    this.selectPage = db.prepare<[{ afterSeq: number; limit: number }], EventRow>(`
      SELECT seq, stream_id AS streamId, type, data, time, trace_id AS traceId
      FROM events WHERE seq > @afterSeq ORDER BY seq LIMIT @limit`);
    this.selectStream = db.prepare<[string], EventRow>(`
      SELECT seq, stream_id AS streamId, type, data, time, trace_id AS traceId
      FROM events WHERE stream_id = ? ORDER BY seq`);
    this.selectLastSeq = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
    // NOT INDEXED: walk the few rows after afterSeq by their seq (the rowid), never the stream
    // index, which would visit every event the prefix ever had.
    this.selectStreamsBetween = db
      .prepare<[{ afterSeq: number; lastSeq: number; from: string; to: string }], string>(`
        SELECT DISTINCT stream_id FROM events NOT INDEXED
        WHERE seq > @afterSeq AND seq <= @lastSeq AND stream_id >= @from AND stream_id < @to`)
      .pluck();
  }

  /** Returns the new event's seq. */
  insert(row: Omit<EventRow, 'seq'>): number {
    return Number(this.insertEvent.run(row).lastInsertRowid);
  }

  /**
   * Events after a seq, in order. Paged rather than iterated: better-sqlite3 refuses writes on a
   * connection while an iterator is open, and replay writes projections as it reads.
   */
  page(afterSeq: number, limit: number): EventRow[] {
    return this.selectPage.all({ afterSeq, limit });
  }

  stream(streamId: string): EventRow[] {
    return this.selectStream.all(streamId);
  }

  lastSeq(): number {
    return this.selectLastSeq.get()?.seq ?? 0;
  }

  /** Distinct ids of the streams starting with `prefix` that have an event in (afterSeq, lastSeq]. */
  streamsBetween(afterSeq: number, lastSeq: number, prefix: string): string[] {
    // Every id starting with the prefix sorts at or after it and before the prefix with its last
    // character incremented ('account:' .. 'account;').
    const to = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return this.selectStreamsBetween.all({ afterSeq, lastSeq, from: prefix, to });
  }
}
