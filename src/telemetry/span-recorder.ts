import type { Attributes, SpanContext, SpanKind } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { newSpanId } from '../request/request-ids';
import { RecordingSpan, type SpanSink } from './recording-span';

/** The scope every tracegw span is exported under, as `trace.getTracer('tracegw')` named it. */
const SCOPE: InstrumentationScope = { name: 'tracegw' };

/**
 * Whether a request that came without a sampled traceparent is recorded, from its trace id: the
 * SDK's TraceIdRatioBasedSampler's rule (the id's four 32-bit words xor-ed, below rate × 2^32 − 1),
 * so that a trace id is kept or dropped here as any other OpenTelemetry service at the same rate
 * would; at 1.0 and 0.0 without reading the id.
 */
export function rootSamplerFor(rate: number): (traceId: string) => boolean {
  if (rate >= 1) return () => true;
  if (rate <= 0) return () => false;
  const bound = Math.floor(rate * 0xffffffff);
  return (traceId) => {
    let accumulated = 0;
    for (let at = 0; at < traceId.length; at += 8) accumulated = (accumulated ^ parseInt(traceId.slice(at, at + 8), 16)) >>> 0;
    return accumulated < bound;
  };
}

/**
 * Makes the spans of the requests tracegw records and hands each, once ended, to the batch
 * pipeline (span-pipeline.ts), in place of the SDK's tracer: the sampling is decided once, at the
 * root (`sampleRoot`), so that a request the sampler drops makes no span object, no context and no
 * id, and every layer below asks one question (with-span.ts, `recorded`).
 */
export class SpanRecorder implements SpanSink {
  readonly scope = SCOPE;

  constructor(
    private readonly processor: Pick<SpanProcessor, 'onEnd'>,
    readonly resource: Resource,
    /** Whether a root span (no sampled parent) with this trace id is recorded. */
    readonly sampleRoot: (traceId: string) => boolean,
  ) {}

  newSpanId(): string {
    return newSpanId();
  }

  ended(span: RecordingSpan): void {
    this.processor.onEnd(span);
  }

  /**
   * A recorded root span in trace `traceId`, under the client's sampled `remoteParent` when there
   * is one; the request's clock is read here (RecordingSpan says why).
   */
  startRoot(name: string, kind: SpanKind, traceId: string, remoteParent: SpanContext | undefined, attributes: Attributes): RecordingSpan {
    return new RecordingSpan(this, name, kind, traceId, remoteParent, Date.now() - performance.now(), attributes);
  }
}
