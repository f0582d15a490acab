import type { Attributes, AttributeValue, Exception, HrTime, Link, Span, SpanContext, SpanKind, SpanStatus, TimeInput } from '@opentelemetry/api';
import { SpanKind as Kind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';

/**
 * The SDK's default event and link limits (OTEL_SPAN_*_COUNT_LIMIT unset): beyond them the oldest
 * event goes (Posix.IO.AssembleParts has one per part), new links are dropped. No attribute limit:
 * tracegw's spans carry the guide's few attributes each, far below the SDK's 128.
 */
const EVENT_COUNT_LIMIT = 128;
const LINK_COUNT_LIMIT = 128;

/** Shared until a span has its first event or link, and the status until it has one: most spans never do. */
const NO_EVENTS: TimedEvent[] = [];
const NO_LINKS: Link[] = [];
const UNSET_STATUS: SpanStatus = Object.freeze({ code: SpanStatusCode.UNSET });

/** What a recording span needs from whoever made it: where it goes when it ends, and the ids of its children. */
export interface SpanSink {
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  newSpanId(): string;
  ended(span: RecordingSpan): void;
}

/** Epoch milliseconds as OpenTelemetry's [seconds, nanoseconds]. */
/** A span's end time until it ends (the SDK's). */
const NOT_ENDED: HrTime = [0, 0];

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
  endTime: HrTime = NOT_ENDED;
  status: SpanStatus = UNSET_STATUS;
  events: TimedEvent[] = NO_EVENTS;
  links: Link[] = NO_LINKS;
  ended = false;
  readonly droppedAttributesCount = 0;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  private readonly context: SpanContext;

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
    this.startTime = hrTimeOf(startTime ?? performance.now() + clock);
  }

  /** Read by exporters only (tracegw's serialiser does not): worked out rather than kept. */
  get duration(): HrTime {
    if (!this.ended) return [0, 0];
    const ns = (this.endTime[0] - this.startTime[0]) * 1e9 + (this.endTime[1] - this.startTime[1]);
    return [Math.floor(ns / 1e9), ns % 1e9];
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
    if (!this.ended && value !== undefined && value !== null) this.attributes[key] = value;
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
    if (this.events === NO_EVENTS) this.events = [];
    if (this.events.length >= EVENT_COUNT_LIMIT) {
      this.events.shift();
      this.droppedEventsCount++;
    }
    this.events.push({ name, attributes: attributes ?? {}, time: this.timeOf(at), droppedAttributesCount: 0 });
    return this;
  }

  addLink(link: Link): this {
    if (this.ended) return this;
    if (this.links === NO_LINKS) this.links = [];
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
    const at = this.timeOf(endTime);
    // An end before the start (a given time) is the start, as the SDK makes it.
    this.endTime = at[0] < this.startTime[0] || (at[0] === this.startTime[0] && at[1] < this.startTime[1]) ? this.startTime : at;
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
