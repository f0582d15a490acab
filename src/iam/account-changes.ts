import type { EventStore } from '../journal/event-store';
import type { JournalDatabase } from '../journal/journal-database';
import { StreamChanges, type StreamChangesSeen } from '../journal/stream-changes';
import { accountStreamId } from './account-events';

/** What changed since the last poll: these access keys, or everything (the tables were rebuilt). */
export type AccountChangesSeen = StreamChangesSeen;

/**
 * What other processes sharing the journal (the other --workers) did to the accounts since this
 * one last looked, so that SqliteIamStore can keep serving accounts from memory and still honour
 * a change made on another worker at that worker's very next request. Polling on every request,
 * rather than at most every few ms, is what makes "honoured on the next request" hold: a commit
 * the admin's answer waited for is visible to any read that starts after it. What a poll costs:
 * see StreamChanges (2-4 µs when nothing changed, against about 900 µs per request today).
 */
export class AccountChanges extends StreamChanges {
  /** Takes the journal's state now: the caller loads its accounts after constructing this. */
  constructor(journal: JournalDatabase, events: EventStore) {
    super(journal, events, accountStreamId(''));
  }
}
