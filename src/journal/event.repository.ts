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
}
