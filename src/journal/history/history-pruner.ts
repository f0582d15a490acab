import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../journal-database';
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
  /** Rows deleted per statement: each is a short transaction, and requests run between two. */
  chunkRows?: number;
  now?: () => number;
  log?: HistoryLog;
}

export interface PruneReport {
  byAge: number;
  byCount: number;
}

const DEFAULTS = { intervalMs: 60_000, firstRunMs: 1_000, chunkRows: 1000 };

/**
 * Applies retention in the background: small DELETEs (one chunk per turn of the event loop, each
 * waiting briefly at most for another process's lock), so a large backlog (after retention was
 * lowered, say) never blocks requests for long.
 */
export class HistoryPruner {
  private readonly db: Database.Database;
  private readonly deleteOlder: Database.Statement<{ cutoff: number; chunk: number }>;
  private readonly deleteUpTo: Database.Statement<{ maxId: number; chunk: number }>;
  private readonly selectLastId: Database.Statement<[], { id: number | null }>;
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
    this.deleteOlder = db.prepare(`
      DELETE FROM operation_history WHERE id IN (
        SELECT id FROM operation_history WHERE started_at < @cutoff ORDER BY started_at LIMIT @chunk)`);
    this.deleteUpTo = db.prepare(`
      DELETE FROM operation_history WHERE id IN (
        SELECT id FROM operation_history WHERE id <= @maxId ORDER BY id LIMIT @chunk)`);
    this.selectLastId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM operation_history');
    this.options = {
      intervalMs: options.intervalMs ?? DEFAULTS.intervalMs,
      firstRunMs: options.firstRunMs ?? DEFAULTS.firstRunMs,
      chunkRows: options.chunkRows ?? DEFAULTS.chunkRows,
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

  /** Stops scheduling and waits for a prune in progress to finish its current chunk. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One full pass: every row beyond the limits is gone when it resolves (unless stopped). */
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
    const chunk = this.options.chunkRows;
    if (this.retention.maxAgeMs > 0) {
      const cutoff = this.now() - this.retention.maxAgeMs;
      report.byAge = await this.inChunks(() => this.deleteOlder.run({ cutoff, chunk }).changes);
    }
    if (this.retention.maxRows > 0) {
      // Ids are handed out in order and only the oldest rows go, so "the newest N ids" is the
      // newest N rows (fewer where age pruning left a gap) without counting the table.
      const lastId = this.selectLastId.get()?.id ?? 0;
      const maxId = lastId - this.retention.maxRows;
      if (maxId > 0) report.byCount = await this.inChunks(() => this.deleteUpTo.run({ maxId, chunk }).changes);
    }
    return report;
  }

  private async inChunks(deleteChunk: () => number): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = withShortBusyTimeout(this.db, deleteChunk);
      total += deleted;
      if (deleted < this.options.chunkRows || this.stopped) return total;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
