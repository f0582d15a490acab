import type { HistoryRepository, HistoryWait } from './history.repository';
import type { OperationRecord } from './operation-record';

/** Where the writer reports trouble; Nest's Logger fits, tests pass a recorder. */
export interface HistoryLog {
  warn(message: string): void;
}

export interface HistoryWriterOptions {
  /** The longest a row waits in memory before its batch is written. */
  flushIntervalMs?: number;
  /** Rows per transaction; a full batch is written at the next turn of the event loop, not at the next tick. */
  maxBatch?: number;
  /** Rows held in memory at most; beyond it new rows are dropped and counted, not queued. */
  maxQueued?: number;
  /** At most one "dropped" and one "failed" line per this many ms, however often it happens. */
  dropLogIntervalMs?: number;
  log?: HistoryLog;
  now?: () => number;
}

export interface HistoryWriterStats {
  written: number;
  dropped: number;
  queued: number;
  failedFlushes: number;
}

const DEFAULTS = { flushIntervalMs: 100, maxBatch: 1000, maxQueued: 20_000, dropLogIntervalMs: 10_000 };

/**
 * Takes history rows off the request path: enqueue() only pushes onto an array, and the rows are
 * written later in batches, one transaction each, at least every `flushIntervalMs` and on close.
 * A kill -9 loses what is queued (at most one interval's worth); a clean close loses nothing.
 *
 * Memory is bounded: when SQLite cannot keep up (locked by another process, disk full), failed
 * batches stay queued for the next try and rows beyond `maxQueued` are dropped and counted.
 */
export class HistoryWriter {
  private queue: OperationRecord[] = [];
  private readonly options: typeof DEFAULTS;
  private readonly log: HistoryLog | undefined;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private flushScheduled = false;
  private closed = false;
  private written = 0;
  private dropped = 0;
  private failedFlushes = 0;
  private droppedSinceLog = 0;
  private lastDropLog = -Infinity;
  private lastFailureLog = -Infinity;

  constructor(
    private readonly repository: HistoryRepository,
    options: HistoryWriterOptions = {},
  ) {
    this.options = {
      flushIntervalMs: options.flushIntervalMs ?? DEFAULTS.flushIntervalMs,
      maxBatch: options.maxBatch ?? DEFAULTS.maxBatch,
      maxQueued: options.maxQueued ?? DEFAULTS.maxQueued,
      dropLogIntervalMs: options.dropLogIntervalMs ?? DEFAULTS.dropLogIntervalMs,
    };
    this.log = options.log;
    this.now = options.now ?? Date.now;
    // unref: a pending flush must not keep a finished process alive; close() flushes anyway.
    this.timer = setInterval(() => this.flushInTurns(), this.options.flushIntervalMs).unref();
  }

  /** The request path's only cost: a bounds check and a push. */
  enqueue(record: OperationRecord): void {
    if (this.closed || this.queue.length >= this.options.maxQueued) {
      this.drop(1);
      return;
    }
    this.queue.push(record);
    if (this.queue.length >= this.options.maxBatch && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flushInTurns());
    }
  }

  /**
   * Writes every queued row now, in batches, synchronously. Returns false when a batch failed
   * (its rows stay queued). For close() and tests; the timer uses flushInTurns.
   */
  flush(wait: HistoryWait = 'briefly'): boolean {
    while (this.queue.length > 0) {
      if (!this.writeBatch(wait)) return false;
    }
    return true;
  }

  /**
   * Stops the timer and writes what is queued; rows enqueued afterwards are dropped and counted.
   * Called after the last request, so it may wait out other workers flushing at the same time.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    if (!this.flush('patiently')) {
      const lost = this.queue.length;
      this.queue = [];
      this.drop(lost);
      this.log?.warn(`operation history: ${lost} row(s) could not be written at shutdown`);
    }
  }

  stats(): HistoryWriterStats {
    return { written: this.written, dropped: this.dropped, queued: this.queue.length, failedFlushes: this.failedFlushes };
  }

  /** One batch per turn of the event loop, so a backlog never holds requests up for long. */
  private flushInTurns(): void {
    this.flushScheduled = false;
    if (this.queue.length === 0 || !this.writeBatch()) return;
    if (this.queue.length > 0 && !this.flushScheduled && !this.closed) {
      this.flushScheduled = true;
      setImmediate(() => this.flushInTurns());
    }
  }

  private writeBatch(wait: HistoryWait = 'briefly'): boolean {
    const batch = this.queue.length <= this.options.maxBatch ? this.queue : this.queue.slice(0, this.options.maxBatch);
    try {
      this.repository.insertMany(batch, wait);
    } catch (error) {
      this.failedFlushes++;
      const now = this.now();
      if (now - this.lastFailureLog >= this.options.dropLogIntervalMs) {
        this.lastFailureLog = now;
        this.log?.warn(`operation history: writing ${batch.length} row(s) failed, will retry: ${(error as Error).message}`);
      }
      return false;
    }
    this.queue = batch === this.queue ? [] : this.queue.slice(batch.length);
    this.written += batch.length;
    return true;
  }

  private drop(count: number): void {
    if (count === 0) return;
    this.dropped += count;
    this.droppedSinceLog += count;
    const now = this.now();
    if (now - this.lastDropLog >= this.options.dropLogIntervalMs) {
      this.log?.warn(
        `operation history: dropped ${this.droppedSinceLog} row(s) (${this.dropped} in all): the journal is not keeping up or is closed`,
      );
      this.lastDropLog = now;
      this.droppedSinceLog = 0;
    }
  }
}
