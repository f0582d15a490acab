import type { NewEvent, StoredEvent } from './event';
import { EventRepository, type EventRow } from './event.repository';
import type { JournalDatabase } from './journal-database';
import type { ProjectionRegistry } from './projection-registry';

export interface RebuildReport {
  events: number;
  projections: string[];
}

/** Events replayed per read; bounds memory however long the history grows. */
const REPLAY_PAGE = 1000;

/**
 * Appends events and keeps the registered projections in step with them. Projections see an
 * event only as it reads back from the table (data through JSON), both when appended and when
 * replayed, so a rebuild cannot disagree with what was applied live.
 */
export class EventStore {
  private readonly repository: EventRepository;
  private readonly rebuiltListeners = new Set<() => void>();
  /** Built once: the append path runs for every journaled write. */
  private readonly appendAndProject: (row: Omit<EventRow, 'seq'>) => StoredEvent;

  constructor(
    private readonly journal: JournalDatabase,
    private readonly projections: ProjectionRegistry,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new EventRepository(journal);
    const transaction = journal.db.transaction((row: Omit<EventRow, 'seq'>): StoredEvent => {
      const stored = toStoredEvent({ seq: this.repository.insert(row), ...row });
      this.projections.apply(stored);
      return stored;
    });
    // IMMEDIATE for the reason given in JournalDatabase.transaction.
    this.appendAndProject = (row) => transaction.immediate(row);
  }

  /**
   * Appends one event and applies it to every projection in the same transaction: when a
   * projection throws, the event is not stored either. Returns after commit, unless called
   * inside an outer journal transaction, which then decides.
   */
  append(event: NewEvent): StoredEvent {
    checkEvent(event);
    const row: Omit<EventRow, 'seq'> = {
      streamId: event.streamId,
      type: event.type,
      data: JSON.stringify(event.data),
      time: this.now().toISOString(),
      traceId: event.traceId ?? null,
    };
    return this.appendAndProject(row);
  }

  /** True while a journal transaction is open, e.g. when called from inside a projection. */
  get inTransaction(): boolean {
    return this.journal.db.inTransaction;
  }

  /** One stream's events in order, e.g. an account's history for the admin API. */
  readStream(streamId: string): StoredEvent[] {
    return this.repository.stream(streamId).map(toStoredEvent);
  }

  /** Seq of the last event, 0 when there is none. */
  lastSeq(): number {
    return this.repository.lastSeq();
  }

  /**
   * The streams, among those whose id starts with `streamPrefix`, that got events after
   * `afterSeq`, and the last seq there is. Scans only the events after `afterSeq`: how a process
   * learns what the others appended since it last looked.
   */
  streamsChangedSince(afterSeq: number, streamPrefix: string): { lastSeq: number; streamIds: string[] } {
    // The last seq first: the streams are then read up to it, so an event appended between the
    // two reads is left for the next call instead of being skipped.
    const lastSeq = this.repository.lastSeq();
    const streamIds = lastSeq > afterSeq ? this.repository.streamsBetween(afterSeq, lastSeq, streamPrefix) : [];
    return { lastSeq, streamIds };
  }

  /**
   * Empties every projection and replays all events into them in one transaction: readers see
   * the old state or the rebuilt one, and a replay that fails leaves the old state in place.
   * Listeners run after commit, to drop what they cached from the old rows.
   */
  rebuildProjections(): RebuildReport {
    const events = this.journal.transaction(() => {
      this.journal.countProjectionRebuild();
      this.projections.reset();
      let count = 0;
      for (let page = this.repository.page(0, REPLAY_PAGE); page.length > 0; ) {
        for (const row of page) {
          const event = toStoredEvent(row);
          try {
            this.projections.apply(event);
          } catch (cause) {
            throw new Error(`replaying event ${event.seq} (${event.type} on ${event.streamId}) failed: ${(cause as Error).message}`, {
              cause,
            });
          }
          count++;
        }
        page = this.repository.page(page[page.length - 1].seq, REPLAY_PAGE);
      }
      return count;
    });
    for (const listener of this.rebuiltListeners) listener();
    return { events, projections: this.projections.names() };
  }

  /** Called after each committed rebuild; returns the unsubscribe function. */
  onRebuilt(listener: () => void): () => void {
    this.rebuiltListeners.add(listener);
    return () => this.rebuiltListeners.delete(listener);
  }
}

function checkEvent(event: NewEvent): void {
  if (typeof event.streamId !== 'string' || event.streamId === '') throw new TypeError('an event needs a stream id');
  if (typeof event.type !== 'string' || event.type === '') throw new TypeError('an event needs a type');
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
    throw new TypeError(`event ${event.type}: data must be a JSON object`);
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    seq: row.seq,
    streamId: row.streamId,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    time: row.time,
  };
  if (row.traceId !== null) event.traceId = row.traceId;
  return event;
}
