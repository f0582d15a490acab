import type { EventStore } from './event-store';
import type { JournalDatabase } from './journal-database';
import { StreamChanges, type StreamChangesSeen } from './stream-changes';

/** DI token of the process's one BucketChanges. */
export const BUCKET_CHANGES = Symbol('BucketChanges');

/**
 * How often a cluster worker looks in the shared journal for the other workers' changes to
 * buckets: the bound on how late one reaches it (a poll that finds nothing costs 2-4 µs, off the
 * request path).
 */
export const BUCKET_CHANGES_POLL_MS = 100;

/** A bucket's stream: every change to the bucket's configuration, its creation and deletion are events of it. */
export function bucketStreamId(bucket: string): string {
  return `bucket:${bucket}`;
}

/** Told which buckets changed (their cached configuration is stale), or 'all' (forget everything). */
export type BucketChangesListener = (changed: StreamChangesSeen) => void;

/**
 * The one way a process learns that a bucket's configuration it keeps in memory (the backend's
 * one cache of bucket configurations) changed in another process: every such change, a bucket's
 * creation and deletion included, is an event of the bucket's stream in the journal, and a
 * cluster worker polls the streams for what its sibling workers appended, every
 * BUCKET_CHANGES_POLL_MS. A change this process made its backend forgets itself, at once. Changes
 * made by another gateway on a shared file system are no event of this journal: the cache's own
 * lifetime bounds those.
 */
export class BucketChanges {
  private readonly listeners = new Set<BucketChangesListener>();
  private readonly poller: NodeJS.Timeout | undefined;

  /** `changes` undefined: this process is alone on its journal, nobody else changes its buckets. */
  constructor(private readonly changes: StreamChanges | undefined) {
    if (changes === undefined) return;
    this.poller = setInterval(() => this.poll(), BUCKET_CHANGES_POLL_MS);
    // The poll never keeps a stopping process alive.
    this.poller.unref();
  }

  /** A cluster worker's: follows what the other processes append to the buckets' streams from now on. */
  static following(journal: JournalDatabase, events: EventStore): BucketChanges {
    return new BucketChanges(new StreamChanges(journal, events, bucketStreamId('')));
  }

  /** Calls `listener` with every change from now on; returns what stops it. */
  subscribe(listener: BucketChangesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tells the listeners what the other processes changed since the last poll. A poll that fails
   * (the journal closing under a stopping worker) counts as 'all': everything is read again.
   */
  poll(): void {
    if (this.changes === undefined) return;
    let changed: StreamChangesSeen;
    try {
      changed = this.changes.poll();
    } catch {
      changed = 'all';
    }
    if (changed === 'all' || changed.length > 0) this.tell(changed);
  }

  /** Stops the poll: before the journal closes. */
  close(): void {
    if (this.poller !== undefined) clearInterval(this.poller);
  }

  private tell(changed: StreamChangesSeen): void {
    for (const listener of this.listeners) listener(changed);
  }
}
