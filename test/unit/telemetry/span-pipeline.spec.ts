import { join } from 'node:path';
import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as protobuf from 'protobufjs';
import { ExportHealth } from '../../../src/telemetry/export-health';
import { type EncodedSpans, OtlpSpanSerializer } from '../../../src/telemetry/otlp-span-serializer';
import { EncodingSpanPipeline, type SpanPipelineOptions } from '../../../src/telemetry/span-pipeline';

/** Finished SDK spans named span-0 … span-(n-1), sampled unless asked otherwise. */
function finishedSpans(count: number, traceFlags = TraceFlags.SAMPLED, scope = 'tracegw'): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'tracegw' }), spanProcessors: [new SimpleSpanProcessor(memory)] });
  const parent = trace.setSpanContext(ROOT_CONTEXT, { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
  const tracer = provider.getTracer(scope);
  for (let i = 0; i < count; i++) tracer.startSpan(`span-${i}`, { attributes: { index: i } }, parent).end();
  const spans = memory.getFinishedSpans();
  if (traceFlags === TraceFlags.SAMPLED) return spans;
  return spans.map((span) => ({ ...span, spanContext: () => ({ ...span.spanContext(), traceFlags }), resource: span.resource, instrumentationScope: span.instrumentationScope }));
}

/** An exporter that keeps each batch it is given and answers as told (at once, later, or never). */
class RecordingExporter {
  readonly batches: EncodedSpans[] = [];
  readonly pending: Array<(result: ExportResult) => void> = [];
  answer: 'success' | 'failure' | 'later' = 'success';
  shutdowns = 0;

  export(batch: EncodedSpans, done: (result: ExportResult) => void): void {
    this.batches.push(batch);
    if (this.answer === 'success') done({ code: ExportResultCode.SUCCESS });
    else if (this.answer === 'failure') done({ code: ExportResultCode.FAILED, error: new Error('14 UNAVAILABLE: connection refused') });
    else this.pending.push(done);
  }

  async shutdown(): Promise<void> {
    this.shutdowns++;
  }
}

const OPTIONS: SpanPipelineOptions = { maxQueueSize: 8, maxExportBatchSize: 4, scheduledDelayMs: 60_000, exportTimeoutMs: 60_000 };

function pipeline(options: Partial<SpanPipelineOptions> = {}) {
  const exporter = new RecordingExporter();
  const serializer = new OtlpSpanSerializer();
  const lines: string[] = [];
  const health = new ExportHealth((line) => lines.push(line));
  return { exporter, serializer, health, lines, pipeline: new EncodingSpanPipeline(exporter, serializer, health, { ...OPTIONS, ...options }) };
}

/** opentelemetry-proto's request message, by protobufjs. */
const exportRequest = protobuf.loadSync(join(__dirname, 'support', 'otlp-trace-export.proto')).lookupType('opentelemetry.proto.ExportTraceServiceRequest');

interface DecodedRequest {
  resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ name: string }> }> }>;
}

/** The span names of the export request written around `batches`, in order. */
function namesIn(serializer: OtlpSpanSerializer, batches: EncodedSpans[]): string[] {
  const request = exportRequest.toObject(exportRequest.decode(serializer.request(batches)), { arrays: true }) as DecodedRequest;
  return request.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => span.name)));
}

describe('EncodingSpanPipeline', () => {
  it('encodes spans as they end and sends a full batch at once, byte for byte what the serialiser writes for those spans', () => {
    const { exporter, serializer, pipeline: p } = pipeline();
    const spans = finishedSpans(4);
    for (const span of spans) p.onEnd(span);
    expect(exporter.batches).toHaveLength(1);
    expect(exporter.batches[0].length).toBe(4);
    expect(Buffer.from(serializer.request(exporter.batches))).toEqual(Buffer.from(new OtlpSpanSerializer().serialize(spans)));
  });

  it('sends what is pending when flushed, and counts what was exported', async () => {
    const { exporter, serializer, health, pipeline: p } = pipeline();
    for (const span of finishedSpans(3)) p.onEnd(span);
    expect(exporter.batches).toHaveLength(0);
    await p.forceFlush();
    expect(exporter.batches.map((batch) => batch.length)).toEqual([3]);
    expect(namesIn(serializer, exporter.batches)).toEqual(['span-0', 'span-1', 'span-2']);
    expect(health.snapshot()).toEqual({ exported: 3, dropped: 0, failed: 0 });
  });

  it('sends a batch the scheduled delay after its first span', async () => {
    const { exporter, pipeline: p } = pipeline({ scheduledDelayMs: 20 });
    for (const span of finishedSpans(2)) p.onEnd(span);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(exporter.batches.map((batch) => batch.length)).toEqual([2]);
  });

  it('ignores spans that are not sampled', async () => {
    const { exporter, pipeline: p } = pipeline();
    for (const span of finishedSpans(5, TraceFlags.NONE)) p.onEnd(span);
    await p.forceFlush();
    expect(exporter.batches).toHaveLength(0);
  });

  it('keeps one export in flight, holds at most the queue bound and drops (and counts) the rest', async () => {
    const { exporter, health, pipeline: p } = pipeline();
    exporter.answer = 'later';
    for (const span of finishedSpans(12)) p.onEnd(span);
    // Two full batches of four fill the queue of eight: one is on its way, one waits; four are dropped.
    expect(exporter.batches).toHaveLength(1);
    expect(health.snapshot().dropped).toBe(4);
    exporter.pending.shift()?.({ code: ExportResultCode.SUCCESS });
    await new Promise((resolve) => setImmediate(resolve));
    expect(exporter.batches).toHaveLength(2);
    exporter.answer = 'success';
    exporter.pending.shift()?.({ code: ExportResultCode.SUCCESS });
    await p.forceFlush();
    expect(health.snapshot()).toEqual({ exported: 8, dropped: 4, failed: 0 });
    // With the queue drained, new spans are taken again.
    for (const span of finishedSpans(1)) p.onEnd(span);
    await p.forceFlush();
    expect(health.snapshot().exported).toBe(9);
  });

  it('counts a failed export with its reason, and gives up on one that does not answer within the export timeout', async () => {
    const { exporter, health, lines, pipeline: p } = pipeline({ exportTimeoutMs: 30 });
    exporter.answer = 'failure';
    for (const span of finishedSpans(4)) p.onEnd(span);
    await p.forceFlush();
    expect(health.snapshot()).toEqual({ exported: 0, dropped: 0, failed: 4 });
    health.report();
    expect(lines).toEqual(['tracing: 4 span(s) failed to export: 14 UNAVAILABLE: connection refused']);
    exporter.answer = 'later';
    for (const span of finishedSpans(2)) p.onEnd(span);
    await p.forceFlush();
    expect(health.snapshot().failed).toBe(6);
    // A late answer after the deadline changes nothing.
    exporter.pending.shift()?.({ code: ExportResultCode.SUCCESS });
    expect(health.snapshot()).toEqual({ exported: 0, dropped: 0, failed: 6 });
  });

  it('starts a new batch when the scope changes, each sent under its own scope', async () => {
    const { exporter, pipeline: p } = pipeline();
    for (const span of [...finishedSpans(1, TraceFlags.SAMPLED, 'tracegw'), ...finishedSpans(1, TraceFlags.SAMPLED, 'other')]) p.onEnd(span);
    await p.forceFlush();
    expect(exporter.batches.map((batch) => [batch.scope.name, batch.length])).toEqual([
      ['tracegw', 1],
      ['other', 1],
    ]);
  });

  it('flushes on shutdown, shuts the exporter down, and takes no span after', async () => {
    const { exporter, health, pipeline: p } = pipeline();
    for (const span of finishedSpans(2)) p.onEnd(span);
    await p.shutdown();
    expect(exporter.shutdowns).toBe(1);
    expect(health.snapshot().exported).toBe(2);
    for (const span of finishedSpans(2)) p.onEnd(span);
    await p.forceFlush();
    expect(exporter.batches).toHaveLength(1);
  });
});
