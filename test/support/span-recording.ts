import { SpanKind } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { RecordingSpan } from '../../src/telemetry/recording-span';
import { SpanRecorder } from '../../src/telemetry/span-recorder';
import { setSpanRecorder } from '../../src/telemetry/telemetry-state';

/** Spans recorded as the tracing start-up records them, into memory: each ended span is in `exporter`. */
export interface SpanRecording {
  readonly exporter: InMemorySpanExporter;
  /** A recorded root span (a new trace), the parent a request's layers would be handed. */
  root(name: string): RecordingSpan;
  /** Unregisters the recorder. */
  stop(): Promise<void>;
}

/** Registers a span recorder that keeps every root (rate 1.0) and ends its spans into memory. */
export function startSpanRecording(): SpanRecording {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor(exporter);
  const recorder = new SpanRecorder(processor, resourceFromAttributes({ 'service.name': 'test' }), () => true);
  setSpanRecorder(recorder);
  return {
    exporter,
    root: (name) => recorder.startRoot(name, SpanKind.SERVER, 'a'.repeat(32), undefined, {}),
    async stop() {
      setSpanRecorder(undefined);
      await processor.shutdown();
    },
  };
}
