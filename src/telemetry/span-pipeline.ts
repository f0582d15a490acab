import { TraceFlags } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ExportHealth } from './export-health';
import type { EncodedSpans, OtlpSpanSerializer } from './otlp-span-serializer';
import { ProtobufWriter } from './protobuf-writer';

export interface SpanPipelineOptions {
  /** Finished spans held for export at most; beyond that they are dropped and counted. */
  maxQueueSize: number;
  maxExportBatchSize: number;
  /** A batch is sent this long after its first span at the latest (sooner when full). */
  scheduledDelayMs: number;
  /** The pipeline stops waiting for an export after this long. */
  exportTimeoutMs: number;
}

/** What sends a batch: the OTLP exporter (otlp-exporter.ts), the SDK's transports behind it. */
export interface EncodedSpansExporter {
  export(batch: EncodedSpans, done: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
}

/** The batch being filled: its spans' bytes, and whose they are. */
interface OpenBatch {
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  count: number;
}

/**
 * Batches finished spans off the request path, as the SDK's BatchSpanProcessor does (bounded
 * queue, one export at a time, a deadline on each, spans that do not fit dropped and counted), with
 * one difference: a span is encoded when it ends, into the open batch's buffer, and let go. The
 * SDK's processor keeps every span object until its batch is serialised, up to 2 s later: thousands
 * of objects alive through each young-generation collection, copied by each, and read back cold
 * when the batch goes. Here only bytes wait (about 300 per span), and a span's fields are read while
 * they are still in the cache. Spans made through the OpenTelemetry API by anything else in the
 * process come here too (the SDK is given this processor).
 */
export class EncodingSpanPipeline implements SpanProcessor {
  private readonly writer = new ProtobufWriter();
  private open: OpenBatch | undefined;
  private readonly ready: EncodedSpans[] = [];
  /** Spans encoded and not yet exported (or given up on): what the queue bound counts. */
  private queued = 0;
  private exporting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly exporter: EncodedSpansExporter,
    private readonly serializer: OtlpSpanSerializer,
    private readonly health: ExportHealth,
    private readonly options: SpanPipelineOptions,
  ) {}

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if (this.stopped || (span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.queued >= this.options.maxQueueSize) {
      this.health.recordDropped(1);
      return;
    }
    let open = this.open;
    if (open !== undefined && (open.resource !== span.resource || open.scope !== span.instrumentationScope)) {
      this.seal();
      open = undefined;
    }
    if (open === undefined) {
      this.writer.reset();
      open = this.open = { resource: span.resource, scope: span.instrumentationScope, count: 0 };
    }
    this.serializer.writeSpan(this.writer, span);
    open.count++;
    this.queued++;
    if (open.count >= this.options.maxExportBatchSize) {
      this.seal();
      this.exportNext();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.seal();
        this.exportNext();
      }, this.options.scheduledDelayMs);
      // A pending batch never keeps the process alive; shutdown flushes it.
      this.timer.unref();
    }
  }

  /** Exports every span ended so far, and waits until that is done (or failed). */
  async forceFlush(): Promise<void> {
    this.seal();
    while (this.exporting !== undefined || this.ready.length > 0) {
      if (this.exporting === undefined) this.exportNext();
      await this.exporting;
    }
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return;
    await this.forceFlush();
    this.stopped = true;
    await this.exporter.shutdown();
  }

  /** Closes the open batch: its bytes are copied out, the buffer is the next batch's. */
  private seal(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const open = this.open;
    this.open = undefined;
    if (open === undefined || open.count === 0) return;
    this.ready.push({ resource: open.resource, scope: open.scope, body: this.writer.finish(), length: open.count });
  }

  /** Sends the oldest sealed batch, unless one is on its way; the next follows when it is done. */
  private exportNext(): void {
    if (this.exporting !== undefined) return;
    const batch = this.ready.shift();
    if (batch === undefined) return;
    this.exporting = this.send(batch).then(() => {
      this.queued -= batch.length;
      this.exporting = undefined;
      this.exportNext();
    });
  }

  /** One export, given up on after the export timeout; resolves either way, having counted the outcome. */
  private send(batch: EncodedSpans): Promise<void> {
    return new Promise((resolve) => {
      let settled = false;
      const settle = (result: ExportResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        if (result.code === ExportResultCode.SUCCESS) this.health.recordExported(batch.length);
        else {
          this.health.recordFailed(batch.length);
          this.health.recordError(result.error?.message ?? 'export failed');
        }
        resolve();
      };
      const deadline = setTimeout(() => settle({ code: ExportResultCode.FAILED, error: new Error('Timeout') }), this.options.exportTimeoutMs);
      deadline.unref();
      try {
        this.exporter.export(batch, settle);
      } catch (error) {
        settle({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
      }
    });
  }
}
