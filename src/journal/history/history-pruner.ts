import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../journal-database';
import { HistoryMinutes } from './history-minutes';
import { HistorySegments, type Segment } from './history-segments';
import type { HistoryLog } from './history-writer';
import { withShortBusyTimeout } from './short-busy-timeout';

/** How much history to keep; 0 turns a limit off. */
export interface HistoryRetention {
  /** Rows that started longer ago than this are deleted. */
  maxAgeMs: number;
  /** Only the newest this many rows (by id) are kept. */
  maxRows: number;
}

export interface HistoryPrunerOptions {
  /** Time between two prunes; the first runs `firstRunMs` after start(). */
  intervalMs?: number;
  firstRunMs?: number;
  now?: () => number;
  log?: HistoryLog;
}

/** Rows dropped, by the limit that dropped their segment. */
export interface PruneReport {
  byAge: number;
  byCount: number;
}

type Reason = keyof PruneReport;

const DEFAULTS = { intervalMs: 60_000, firstRunMs: 1_000 };

/**
 * Applies retention in the background by dropping whole segments, oldest first, once every row
 * in one is past a limit: its newest start time older than the age limit, or its last id outside
 * the newest `maxRows` ids. Rows past a limit in a segment that also holds rows within it stay
 * until the segment goes, so the history keeps at most about one segment more than the limits.
 * With a segment go the per-minute aggregate's minutes older than the oldest row left (the minute
 * of that row stays whole, counting the rows of it the dropped segment held).
 * One segment per transaction and per turn of the event loop, each waiting briefly at most for
 * another process's lock: a large backlog never blocks requests for long.
 */
export class HistoryPruner {
  private readonly db: Database.Database;
  private readonly segments: HistorySegments;
  private readonly minutes: HistoryMinutes;
  private readonly dropOldest: (cutoff: number) => { reason: Reason; rows: number } | undefined;
  private readonly options: typeof DEFAULTS;
  private readonly now: () => number;
  private readonly log: HistoryLog | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PruneReport> | undefined;
  private stopped = false;

  constructor(
    journal: JournalDatabase,
    private readonly retention: HistoryRetention,
    options: HistoryPrunerOptions = {},
  ) {
    const { db } = journal;
    this.db = db;
    this.segments = new HistorySegments(db);
    this.minutes = new HistoryMinutes(db);
    const dropOldest = db.transaction((cutoff: number) => this.dropOldestIfPast(cutoff));
    this.dropOldest = (cutoff) => dropOldest.immediate(cutoff);
    this.options = {
      intervalMs: options.intervalMs ?? DEFAULTS.intervalMs,
      firstRunMs: options.firstRunMs ?? DEFAULTS.firstRunMs,
    };
    this.now = options.now ?? Date.now;
    this.log = options.log;
  }

  get enabled(): boolean {
    return this.retention.maxAgeMs > 0 || this.retention.maxRows > 0;
  }

  /** Schedules pruning; does nothing when both limits are off. */
  start(): void {
    if (!this.enabled || this.stopped) return;
    this.schedule(this.options.firstRunMs);
  }

  /** Stops scheduling and waits for a prune in progress to finish its current segment. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One full pass: every segment wholly past the limits is gone when it resolves (unless stopped). */
  prune(): Promise<PruneReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.prune()
        .catch((error: unknown) => this.log?.warn(`operation history: pruning failed: ${(error as Error).message}`))
        .finally(() => {
          if (!this.stopped) this.schedule(this.options.intervalMs);
        });
    }, delayMs).unref();
  }

  private async pass(): Promise<PruneReport> {
    const report: PruneReport = { byAge: 0, byCount: 0 };
    if (!this.enabled) return report;
    const cutoff = this.retention.maxAgeMs > 0 ? this.now() - this.retention.maxAgeMs : -Infinity;
    for (;;) {
      const dropped = withShortBusyTimeout(this.db, () => this.dropOldest(cutoff));
      if (!dropped) return report;
      report[dropped.reason] += dropped.rows;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.stopped) return report;
    }
  }

  /** In a write transaction: the catalog read, the count and the drop see the same segments. */
  private dropOldestIfPast(cutoff: number): { reason: Reason; rows: number } | undefined {
    const all = this.segments.all();
    const oldest = all[0];
    const reason = this.reasonToDrop(oldest, all.length > 1, cutoff);
    if (!reason) return undefined;
    const rows = this.db.prepare<[], number>(`SELECT count(*) FROM ${oldest.table}`).pluck().get() as number;
    this.segments.drop(oldest, this.now());
    this.minutes.pruneBeforeOldestRow();
    return { reason, rows };
  }

  private reasonToDrop(segment: Segment, hasNewer: boolean, cutoff: number): Reason | undefined {
    // An empty segment older than the current one holds nothing to keep (one left by an upgrade).
    if (segment.lastId === null || segment.maxStartedAt === null) return hasNewer ? 'byCount' : undefined;
    if (segment.maxStartedAt < cutoff) return 'byAge';
    if (this.retention.maxRows > 0 && segment.lastId <= this.segments.nextId() - 1 - this.retention.maxRows) return 'byCount';
    return undefined;
  }
}
