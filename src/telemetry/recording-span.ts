import type { Attributes, AttributeValue, Exception, HrTime, Link, Span, SpanContext, SpanKind, SpanStatus, TimeInput } from '@opentelemetry/api';
import { SpanKind as Kind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';

/** The SDK's default span limits (OTEL_SPAN_*_COUNT_LIMIT unset): beyond them, the oldest event goes and new attributes are dropped. */
const ATTRIBUTE_COUNT_LIMIT = 128;
const EVENT_COUNT_LIMIT = 128;
const LINK_COUNT_LIMIT = 128;

/** What a recording span needs from whoever made it: where it goes when it ends, and the ids of its children. */
export interface SpanSink {
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  newSpanId(): string;
  ended(span: RecordingSpan): void;
}

/** Epoch milliseconds as OpenTelemetry's [seconds, nanoseconds]. */
function hrTimeOf(epochMs: number): HrTime {
  const seconds = Math.floor(epochMs / 1000);
  const nanos = Math.round((epochMs - seconds * 1000) * 1e6);
  return nanos >= 1e9 ? [seconds + 1, nanos - 1e9] : [seconds, nanos];
}

/** addEvent's second argument is either its attributes or its time. */
function isTimeInput(value: Attributes | TimeInput | undefined): value is TimeInput {
  return typeof value === 'number' || value instanceof Date || Array.isArray(value);
}

/**
 * A span that tracegw records, read by the span pipeline and the OTLP serialiser as the SDK's own
 * (ReadableSpan) but made without the SDK's tracer: no span processor's onStart, no per-span
 * resource, scope or limits lookups, no attribute validation (tracegw sets only valid values), and
 * a clock read once per request: `clock` is epoch minus performance.now() milliseconds, taken when
 * the root span starts and shared by its descendants, so the spans of one request keep their order
 * to the microsecond (the SDK takes that offset per span from Date.now(), whose whole milliseconds
 * can move a later span before an earlier one). Only ever made sampled: a request the sampler
 * dropped makes no span at all.
 */
export class RecordingSpan implements Span, ReadableSpan {
  readonly startTime: HrTime;
  endTime: HrTime = [0, 0];
  duration: HrTime = [0, 0];
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  readonly events: TimedEvent[] = [];
  readonly links: Link[] = [];
  ended = false;
  droppedAttributesCount = 0;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  private attributeCount: number;
  private readonly context: SpanContext;
  private readonly startMs: number;

  /** `attributes` becomes the span's own (not copied): a fresh object of valid values. */
  constructor(
    readonly sink: SpanSink,
    public name: string,
    readonly kind: SpanKind,
    traceId: string,
    readonly parentSpanContext: SpanContext | undefined,
    readonly clock: number,
    readonly attributes: Attributes,
    startTime?: number,
  ) {
    this.context = { traceId, spanId: sink.newSpanId(), traceFlags: TraceFlags.SAMPLED, traceState: parentSpanContext?.traceState };
    this.startMs = startTime ?? performance.now() + clock;
    this.startTime = hrTimeOf(this.startMs);
    let count = 0;
    for (const key in attributes) if (attributes[key] !== undefined) count++;
    this.attributeCount = count;
  }

  get resource(): Resource {
    return this.sink.resource;
  }

  get instrumentationScope(): InstrumentationScope {
    return this.sink.scope;
  }

  spanContext(): SpanContext {
    return this.context;
  }

  /** A child span under this one, started now (or at `startTime`, epoch ms). */
  child(name: string, kind: SpanKind, attributes: Attributes = {}, startTime?: number): RecordingSpan {
    return new RecordingSpan(this.sink, name, kind, this.context.traceId, this.context, this.clock, attributes, startTime);
  }

  setAttribute(key: string, value: AttributeValue | undefined): this {
    if (this.ended || value === undefined || value === null) return this;
    if (this.attributes[key] === undefined) {
      if (this.attributeCount >= ATTRIBUTE_COUNT_LIMIT) {
        this.droppedAttributesCount++;
        return this;
      }
      this.attributeCount++;
    }
    this.attributes[key] = value;
    return this;
  }

  setAttributes(attributes: Attributes): this {
    for (const key in attributes) this.setAttribute(key, attributes[key]);
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.ended) return this;
    const timed = isTimeInput(attributesOrTime);
    const attributes = timed ? undefined : attributesOrTime;
    const at = timed ? attributesOrTime : time;
    if (this.events.length >= EVENT_COUNT_LIMIT) {
      this.events.shift();
      this.droppedEventsCount++;
    }
    this.events.push({ name, attributes: attributes ?? {}, time: this.timeOf(at), droppedAttributesCount: 0 });
    return this;
  }

  addLink(link: Link): this {
    if (this.ended) return this;
    if (this.links.length >= LINK_COUNT_LIMIT) this.droppedLinksCount++;
    else this.links.push(link);
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  /** As the SDK: UNSET changes nothing, OK is final, a message only with ERROR. */
  setStatus(status: SpanStatus): this {
    if (this.ended || status.code === SpanStatusCode.UNSET || this.status.code === SpanStatusCode.OK) return this;
    this.status = status.code === SpanStatusCode.ERROR && typeof status.message === 'string' ? { code: status.code, message: status.message } : { code: status.code };
    return this;
  }

  updateName(name: string): this {
    if (!this.ended) this.name = name;
    return this;
  }

  end(endTime?: TimeInput): void {
    if (this.ended) return;
    this.endTime = this.timeOf(endTime);
    const durationNs = (this.endTime[0] - this.startTime[0]) * 1e9 + (this.endTime[1] - this.startTime[1]);
    if (durationNs < 0) {
      this.endTime = this.startTime;
      this.duration = [0, 0];
    } else this.duration = [Math.floor(durationNs / 1e9), durationNs % 1e9];
    this.ended = true;
    this.sink.ended(this);
  }

  isRecording(): boolean {
    return !this.ended;
  }

  /** The SDK's `exception` event: exception.type (its code, else its name), exception.message, exception.stacktrace. */
  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: Attributes = {};
    if (typeof exception === 'string') attributes['exception.message'] = exception;
    else if (exception) {
      if (exception.code) attributes['exception.type'] = exception.code.toString();
      else if (exception.name) attributes['exception.type'] = exception.name;
      if (exception.message) attributes['exception.message'] = exception.message;
      if (exception.stack) attributes['exception.stacktrace'] = exception.stack;
    }
    if (attributes['exception.type'] !== undefined || attributes['exception.message'] !== undefined) this.addEvent('exception', attributes, time);
  }

  /** Now, or a given time: epoch ms (a number above performance.now()), a performance.now() reading, a Date or an HrTime. */
  private timeOf(time: TimeInput | undefined): HrTime {
    if (time === undefined) return hrTimeOf(performance.now() + this.clock);
    if (typeof time === 'number') return hrTimeOf(time <= performance.now() ? time + this.clock : time);
    if (time instanceof Date) return hrTimeOf(time.getTime());
    return time;
  }
}

/** Where the span handed to work outside a recorded request would go: nowhere, as it never ends. */
const NOWHERE: SpanSink = {
  get resource(): never {
    throw new Error('an unrecorded span has no resource');
  },
  scope: { name: 'tracegw' },
  newSpanId: () => '0000000000000000',
  ended: () => undefined,
};

/**
 * What work outside a recorded request is handed as its span (withSpan): over before it starts, so
 * it takes no attribute or event and nothing is started under it; allocated once.
 */
export const UNRECORDED_SPAN: RecordingSpan = (() => {
  const span = new RecordingSpan(NOWHERE, '', Kind.INTERNAL, '00000000000000000000000000000000', undefined, 0, {});
  span.ended = true;
  return span;
})();
