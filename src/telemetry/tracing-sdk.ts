import { context, propagation, trace } from '@opentelemetry/api';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import type { OtelConfig } from '../config/gateway-config';
import { newSpanId, newTraceId } from '../request/request-ids';
import { ExportHealth } from './export-health';
import { createSpanExporter } from './otlp-exporter';
import { gatewayResource } from './resource';
import { OtlpSpanSerializer } from './otlp-span-serializer';
import { EncodingSpanPipeline, type SpanPipelineOptions } from './span-pipeline';
import { SyncContextManager } from './sync-context-manager';
import { SpanRecorder, rootSamplerFor } from './span-recorder';
import { setSpanRecorder } from './telemetry-state';

export interface TracingOptions extends SpanPipelineOptions {
  /** Export failures and dropped spans are logged at most once per this interval. */
  reportIntervalMs: number;
  /** Where those lines go (the gateway's debug log). */
  log: (line: string) => void;
}

export const DEFAULT_TRACING_OPTIONS: Omit<TracingOptions, 'log'> = {
  maxQueueSize: 2048,
  maxExportBatchSize: 512,
  scheduledDelayMs: 2000,
  exportTimeoutMs: 10_000,
  reportIntervalMs: 10_000,
};

/**
 * The global tracer provider's root sampler, for whatever else might start spans through the
 * OpenTelemetry API in this process (tracegw's own spans are sampled by span-recorder.ts, by the
 * same rule): the ratio of --otel-sample-rate, or at 1.0 and 0.0 the samplers that decide the
 * same without reading the trace id.
 */
function rootSampler(base: typeof import('@opentelemetry/sdk-trace-base'), rate: number): Sampler {
  if (rate >= 1) return new base.AlwaysOnSampler();
  if (rate <= 0) return new base.AlwaysOffSampler();
  return new base.TraceIdRatioBasedSampler(rate);
}

export interface Tracing {
  readonly health: ExportHealth;
  /** Exports every finished span now. */
  flush(): Promise<void>;
  /** Flushes, then unregisters the SDK (so a later start in the same process works). */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK (sdk-node) for the gateway: its resource, a parent-based ratio
 * sampler (a sampled client traceparent is always kept), ids from one pool of random bytes drawn
 * in batches (request-ids.ts), W3C trace context and baggage, and the bounded batch pipeline to
 * the OTLP exporter; a context manager that never turns AsyncLocalStorage on
 * (sync-context-manager.ts), spans being parented explicitly. Nothing else: no
 * auto-instrumentation, and no metrics or logs exporters that sdk-node would otherwise start from
 * the environment. tracegw's own spans do not go through the SDK's tracer: the span recorder
 * (span-recorder.ts) makes them, decides their sampling at the root, and hands them to the same
 * pipeline.
 */
export async function startTracing(otel: OtelConfig, options: TracingOptions): Promise<Tracing> {
  const [{ NodeSDK }, base, core] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/core'),
  ]);
  const health = new ExportHealth(options.log);
  // Export errors reach OpenTelemetry's global handler; keep the reason for the next report.
  core.setGlobalErrorHandler((error) => health.recordError(error instanceof Error ? error.message : String(error)));
  const serializer = new OtlpSpanSerializer();
  const exporter = await createSpanExporter(otel, options.exportTimeoutMs, serializer);
  const processor = new EncodingSpanPipeline(exporter, serializer, health, options);
  const resource = await gatewayResource(otel);
  const sdk = new NodeSDK({
    resource,
    autoDetectResources: false,
    sampler: new base.ParentBasedSampler({ root: rootSampler(base, otel.sampleRate) }),
    idGenerator: { generateTraceId: newTraceId, generateSpanId: newSpanId },
    spanProcessors: [processor],
    contextManager: new SyncContextManager(),
    textMapPropagator: new core.CompositePropagator({
      propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
    }),
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  health.start(options.reportIntervalMs);
  setSpanRecorder(new SpanRecorder(processor, resource, rootSamplerFor(otel.sampleRate)));
  return {
    health,
    flush: () => processor.forceFlush(),
    async shutdown() {
      setSpanRecorder(undefined);
      // A collector that hangs must not hold the gateway's exit: one export deadline at most.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.exportTimeoutMs)));
      await Promise.race([sdk.shutdown().catch((error: unknown) => health.recordError(String(error))), deadline]);
      clearTimeout(timer);
      await exporter.shutdown().catch(() => undefined);
      health.stop();
      core.setGlobalErrorHandler(core.loggingErrorHandler());
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
