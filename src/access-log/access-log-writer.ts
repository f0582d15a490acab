import { createWriteStream, type WriteStream } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { OperationRecord } from '../journal/history/operation-record';
import { accessLogEntryOf, type AccessLogEntry } from './access-log-entry';
import { accessLogLine } from './access-log-line';

export interface AccessLogOptions {
  /** The longest an entry waits in memory before its batch is written. */
  flushIntervalMs?: number;
  /** Entries held at most while the disk is slow; beyond it new ones are dropped and counted. */
  maxQueued?: number;
  warn?: (message: string) => void;
}

const DEFAULTS = { flushIntervalMs: 200, maxQueued: 50_000 };
/** A batch this large is written at the next turn of the event loop rather than at the next tick. */
const BATCH = 1000;
/** Lines waiting for the disk at most; past it batches are dropped and counted rather than held. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * --access-log FILE: one line per request in the S3 server access log format, appended to FILE.
 * The request path only pushes an entry (the history row plus a few request fields); lines are
 * formatted and written in batches, one write per batch, off the request path. The file is opened
 * in append mode, so several workers (and logrotate's copytruncate) can share it; reopen() starts
 * a new file after a rotation by rename (the gateway calls it on SIGHUP).
 */
export class AccessLogWriter {
  private queue: AccessLogEntry[] = [];
  private stream: WriteStream;
  private readonly timer: NodeJS.Timeout;
  private readonly options: typeof DEFAULTS;
  private flushScheduled = false;
  private closed = false;
  private dropped = 0;
  private written = 0;

  constructor(
    private readonly file: string,
    private readonly opts: AccessLogOptions = {},
  ) {
    this.options = { flushIntervalMs: opts.flushIntervalMs ?? DEFAULTS.flushIntervalMs, maxQueued: opts.maxQueued ?? DEFAULTS.maxQueued };
    this.stream = this.open();
    this.timer = setInterval(() => this.flush(), this.options.flushIntervalMs).unref();
  }

  /** The recording hook's call, once per request: a bounds check and a push. */
  enqueue(record: OperationRecord, request: FastifyRequest): void {
    if (this.closed || this.queue.length >= this.options.maxQueued) {
      this.dropped++;
      return;
    }
    this.queue.push(accessLogEntryOf(record, request));
    if (this.queue.length >= BATCH && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Formats and writes what is queued, as one write. */
  flush(): void {
    this.flushScheduled = false;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    if (this.stream.writableLength > MAX_BUFFERED_BYTES) {
      this.dropped += batch.length;
      return;
    }
    let text = '';
    for (const entry of batch) text += `${accessLogLine(entry)}\n`;
    this.stream.write(text);
    this.written += batch.length;
  }

  /** After logrotate renamed the file: what is still buffered goes to the old one, new lines to a new FILE. */
  reopen(): void {
    if (this.closed) return;
    this.flush();
    const old = this.stream;
    this.stream = this.open();
    old.end();
  }

  stats(): { written: number; dropped: number; queued: number } {
    return { written: this.written, dropped: this.dropped, queued: this.queue.length };
  }

  /** After the last request: writes what is queued and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    clearInterval(this.timer);
    await new Promise<void>((resolve) => this.stream.end(resolve));
  }

  private open(): WriteStream {
    const stream = createWriteStream(this.file, { flags: 'a', mode: 0o644 });
    // A full disk or a removed directory must not end the gateway: say so, keep serving.
    stream.on('error', (error) => this.opts.warn?.(`access log ${this.file}: ${error.message}`));
    return stream;
  }
}
