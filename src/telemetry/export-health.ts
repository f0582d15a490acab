/** What happened to finished spans since the last report; counters only, nothing per span is kept. */
export interface ExportCounts {
  exported: number;
  /** Refused because the export queue was full (the collector is slow or away). */
  dropped: number;
  /** Handed to the exporter, which failed to deliver them. */
  failed: number;
}

/**
 * Counts what the span pipeline did and reports it at most once per interval, so that a collector
 * that is down costs one debug line every few seconds, not one per batch (or per request).
 */
export class ExportHealth {
  private readonly totals: ExportCounts = { exported: 0, dropped: 0, failed: 0 };
  private pending: ExportCounts = { exported: 0, dropped: 0, failed: 0 };
  private lastError: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly log: (line: string) => void) {}

  recordExported(spans: number): void {
    this.totals.exported += spans;
    this.pending.exported += spans;
  }

  recordDropped(spans: number): void {
    this.totals.dropped += spans;
    this.pending.dropped += spans;
  }

  recordFailed(spans: number): void {
    this.totals.failed += spans;
    this.pending.failed += spans;
  }

  /** Why the last export failed (from OpenTelemetry's error handler), quoted in the next report. */
  recordError(message: string): void {
    this.lastError = message;
  }

  /** Counts since start-up. */
  snapshot(): Readonly<ExportCounts> {
    return { ...this.totals };
  }

  /** Logs what went wrong since the last report, if anything did; the interval timer calls it. */
  report(): void {
    const { dropped, failed } = this.pending;
    this.pending = { exported: 0, dropped: 0, failed: 0 };
    if (dropped > 0) this.log(`tracing: ${dropped} span(s) dropped, export queue full (collector slow or unreachable)`);
    if (failed > 0) this.log(`tracing: ${failed} span(s) failed to export: ${this.lastError ?? 'no reason given'}`);
    this.lastError = undefined;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.report(), intervalMs);
    // Reporting never keeps the process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.report();
  }
}
