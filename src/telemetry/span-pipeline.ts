import { type Attributes, createNoopMeter, type Meter, type MeterProvider } from '@opentelemetry/api';
import { BatchSpanProcessor, type BufferConfig, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ExportHealth } from './export-health';

/**
 * The batch processor's own count of finished spans (semantic conventions' self-observability
 * metric), with `error.type` = `queue_full` for spans it dropped and the error's name for spans
 * the exporter failed to deliver.
 */
const SPANS_PROCESSED_METRIC = 'otel.sdk.processor.span.processed';
const QUEUE_FULL = 'queue_full';

export interface SpanPipelineOptions {
  /** Finished spans held for export at most; beyond that they are dropped and counted. */
  maxQueueSize: number;
  maxExportBatchSize: number;
  /** A batch is sent this long after its first span at the latest (sooner when full). */
  scheduledDelayMs: number;
  /** The batch processor stops waiting for an export after this long. */
  exportTimeoutMs: number;
}

/**
 * A meter that hands the processed-spans counter to `health` and ignores every other instrument:
 * the processor's self-observability hook, without running a metrics SDK.
 */
function countingMeterProvider(health: ExportHealth): MeterProvider {
  return {
    getMeter(): Meter {
      const meter = createNoopMeter();
      const noopCounter = meter.createCounter.bind(meter);
      meter.createCounter = (name, options) => {
        if (name !== SPANS_PROCESSED_METRIC) return noopCounter(name, options);
        return {
          add(spans: number, attributes?: Attributes) {
            const errorType = attributes?.['error.type'];
            if (errorType === undefined) health.recordExported(spans);
            else if (errorType === QUEUE_FULL) health.recordDropped(spans);
            else health.recordFailed(spans);
          },
        };
      };
      return meter;
    },
  };
}

/**
 * Batches finished spans off the request path. The queue is bounded, one export runs at a time
 * and every export has a deadline, so a collector that is down or hangs costs requests nothing
 * and memory stays bounded: spans that do not fit are dropped and counted.
 */
export function createSpanPipeline(exporter: SpanExporter, health: ExportHealth, options: SpanPipelineOptions): SpanProcessor {
  const config: BufferConfig & { selfObsMeterProvider: MeterProvider } = {
    maxQueueSize: options.maxQueueSize,
    maxExportBatchSize: options.maxExportBatchSize,
    scheduledDelayMillis: options.scheduledDelayMs,
    exportTimeoutMillis: options.exportTimeoutMs,
    selfObsMeterProvider: countingMeterProvider(health),
  };
  return new BatchSpanProcessor(exporter, config);
}
