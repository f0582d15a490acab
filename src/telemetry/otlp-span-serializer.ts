import type { Attributes, AttributeValue, HrTime, Link } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import { encodeOnce, ProtobufWriter, WIRE } from './protobuf-writer';

/**
 * ExportTraceServiceRequest (opentelemetry/proto/collector/trace/v1) from the SDK's finished spans,
 * field numbers as in opentelemetry/proto/trace/v1/trace.proto and common/v1/common.proto. What
 * differs from the SDK's own serialiser is only how: one pass into one reused buffer, strings
 * through native UTF-8, and the bytes that recur in every export (span names, attribute keys,
 * attribute values seen again and again, the resource and the scope) encoded once and copied.
 * Fields equal to their default (zero counts, an unset status code) are left out, as proto3 does.
 */

const SPAN_FLAGS_HAS_IS_REMOTE = 0x100;
const SPAN_FLAGS_IS_REMOTE = 0x200;
const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;

/** Bounds of the caches: names and keys are few; a key's values are cached while they are few. */
const MAX_CACHED_NAMES = 1024;
const MAX_CACHED_KEYS = 1024;
const MAX_CACHED_VALUES_PER_KEY = 64;

function writeAnyValue(writer: ProtobufWriter, value: AttributeValue | null | undefined): void {
  if (typeof value === 'string') {
    writer.tag(1, WIRE.len);
    writer.string(value);
  } else if (typeof value === 'boolean') {
    writer.tag(2, WIRE.varint);
    writer.varint(value ? 1 : 0);
  } else if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
      writer.tag(3, WIRE.varint);
      writer.varint(value);
    } else {
      writer.tag(4, WIRE.fixed64);
      writer.double(value);
    }
  } else if (Array.isArray(value)) {
    writer.tag(5, WIRE.len);
    const array = writer.open();
    for (const item of value as ReadonlyArray<AttributeValue | null | undefined>) {
      writer.tag(1, WIRE.len);
      const itemStart = writer.open();
      writeAnyValue(writer, item);
      writer.close(itemStart);
    }
    writer.close(array);
  }
  // null and undefined (array holes) are an empty AnyValue, as the SDK writes them.
}

/** One KeyValue's body (key, then value), without its own tag and length. */
function writeKeyValueBody(writer: ProtobufWriter, keyField: Uint8Array, value: AttributeValue): void {
  writer.raw(keyField);
  writer.tag(2, WIRE.len);
  const start = writer.open();
  writeAnyValue(writer, value);
  writer.close(start);
}

/** What is encoded once per export run: names, keys, frequent string attributes, resources, scopes. */
class EncodedOnce {
  private readonly names = new Map<string, Uint8Array>();
  private readonly keys = new Map<string, Uint8Array>();
  /** Per key, whole KeyValue messages (length first) of string values met before. */
  private readonly values = new Map<string, Map<string, Uint8Array>>();
  private resource: { of: Resource; bytes: Uint8Array } | undefined;
  private scope: { of: InstrumentationScope; bytes: Uint8Array } | undefined;

  /** Span.name, tag included. */
  name(name: string): Uint8Array | undefined {
    let encoded = this.names.get(name);
    if (encoded === undefined && this.names.size < MAX_CACHED_NAMES) {
      encoded = encodeOnce((w) => {
        w.tag(5, WIRE.len);
        w.string(name);
      });
      this.names.set(name, encoded);
    }
    return encoded;
  }

  /** KeyValue.key, tag included. */
  key(key: string): Uint8Array {
    let encoded = this.keys.get(key);
    if (encoded === undefined) {
      encoded = encodeOnce((w) => {
        w.tag(1, WIRE.len);
        w.string(key);
      });
      if (this.keys.size < MAX_CACHED_KEYS) this.keys.set(key, encoded);
    }
    return encoded;
  }

  /** The KeyValue message of a string attribute, length first, while its key has few values. */
  stringKeyValue(key: string, value: string): Uint8Array | undefined {
    let ofKey = this.values.get(key);
    if (ofKey === undefined) {
      if (this.values.size >= MAX_CACHED_KEYS) return undefined;
      ofKey = new Map();
      this.values.set(key, ofKey);
    }
    let encoded = ofKey.get(value);
    if (encoded === undefined && ofKey.size < MAX_CACHED_VALUES_PER_KEY) {
      const keyField = this.key(key);
      encoded = encodeOnce((w) => {
        const start = w.open();
        writeKeyValueBody(w, keyField, value);
        w.close(start);
      });
      ofKey.set(value, encoded);
    }
    return encoded;
  }

  /** ResourceSpans.resource, tag included; the resource of a gateway is one object for its life. */
  resourceField(resource: Resource): Uint8Array {
    if (this.resource?.of !== resource) {
      // Its own writer: the attributes go through the caches, which encode on the shared one.
      const w = new ProtobufWriter();
      w.tag(1, WIRE.len);
      const start = w.open();
      writeAttributes(w, this, resource.attributes, 1);
      w.close(start);
      this.resource = { of: resource, bytes: w.finish() };
    }
    return this.resource.bytes;
  }

  /** ScopeSpans.scope, tag included. */
  scopeField(scope: InstrumentationScope): Uint8Array {
    if (this.scope?.of !== scope) {
      const bytes = encodeOnce((w) => {
        w.tag(1, WIRE.len);
        const start = w.open();
        w.tag(1, WIRE.len);
        w.string(scope.name);
        if (scope.version) {
          w.tag(2, WIRE.len);
          w.string(scope.version);
        }
        w.close(start);
      });
      this.scope = { of: scope, bytes };
    }
    return this.scope.bytes;
  }
}

/** Repeated KeyValue `field` of a message. */
function writeAttributes(writer: ProtobufWriter, once: EncodedOnce, attributes: Attributes, field: number): void {
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined) continue;
    writer.tag(field, WIRE.len);
    const cached = typeof value === 'string' ? once.stringKeyValue(key, value) : undefined;
    if (cached !== undefined) {
      writer.raw(cached);
      continue;
    }
    const start = writer.open();
    writeKeyValueBody(writer, once.key(key), value);
    writer.close(start);
  }
}

function writeTime(writer: ProtobufWriter, field: number, time: HrTime): void {
  writer.tag(field, WIRE.fixed64);
  writer.hrTimeNanos(time);
}

function writeEvent(writer: ProtobufWriter, once: EncodedOnce, event: TimedEvent): void {
  writer.tag(11, WIRE.len);
  const start = writer.open();
  writeTime(writer, 1, event.time);
  writer.tag(2, WIRE.len);
  writer.string(event.name);
  if (event.attributes) writeAttributes(writer, once, event.attributes, 3);
  if (event.droppedAttributesCount) {
    writer.tag(4, WIRE.varint);
    writer.varint(event.droppedAttributesCount);
  }
  writer.close(start);
}

function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | SPAN_FLAGS_HAS_IS_REMOTE | (isRemote ? SPAN_FLAGS_IS_REMOTE : 0);
}

function writeLink(writer: ProtobufWriter, once: EncodedOnce, link: Link): void {
  writer.tag(13, WIRE.len);
  const start = writer.open();
  writer.tag(1, WIRE.len);
  writer.hexBytes(link.context.traceId);
  writer.tag(2, WIRE.len);
  writer.hexBytes(link.context.spanId);
  const traceState = link.context.traceState?.serialize();
  if (traceState) {
    writer.tag(3, WIRE.len);
    writer.string(traceState);
  }
  if (link.attributes) writeAttributes(writer, once, link.attributes, 4);
  if (link.droppedAttributesCount) {
    writer.tag(5, WIRE.varint);
    writer.varint(link.droppedAttributesCount);
  }
  writer.tag(6, WIRE.fixed32);
  writer.fixed32(spanFlags(link.context.traceFlags, link.context.isRemote));
  writer.close(start);
}

function writeCount(writer: ProtobufWriter, field: number, count: number): void {
  if (count === 0) return;
  writer.tag(field, WIRE.varint);
  writer.varint(count);
}

function writeSpan(writer: ProtobufWriter, once: EncodedOnce, span: ReadableSpan): void {
  writer.tag(2, WIRE.len);
  const start = writer.open();
  const context = span.spanContext();
  writer.tag(1, WIRE.len);
  writer.hexBytes(context.traceId);
  writer.tag(2, WIRE.len);
  writer.hexBytes(context.spanId);
  const traceState = context.traceState?.serialize();
  if (traceState) {
    writer.tag(3, WIRE.len);
    writer.string(traceState);
  }
  const parent = span.parentSpanContext;
  if (parent?.spanId) {
    writer.tag(4, WIRE.len);
    writer.hexBytes(parent.spanId);
  }
  const name = once.name(span.name);
  if (name) writer.raw(name);
  else {
    writer.tag(5, WIRE.len);
    writer.string(span.name);
  }
  // The proto's kinds are the API's plus one (0 is "unspecified").
  writer.tag(6, WIRE.varint);
  writer.varint(span.kind + 1);
  writeTime(writer, 7, span.startTime);
  writeTime(writer, 8, span.endTime);
  writeAttributes(writer, once, span.attributes, 9);
  writeCount(writer, 10, span.droppedAttributesCount);
  for (const event of span.events) writeEvent(writer, once, event);
  writeCount(writer, 12, span.droppedEventsCount);
  for (const link of span.links) writeLink(writer, once, link);
  writeCount(writer, 14, span.droppedLinksCount);
  writer.tag(15, WIRE.len);
  const status = writer.open();
  if (span.status.message) {
    writer.tag(2, WIRE.len);
    writer.string(span.status.message);
  }
  if (span.status.code !== 0) {
    writer.tag(3, WIRE.varint);
    writer.varint(span.status.code);
  }
  writer.close(status);
  writer.tag(16, WIRE.fixed32);
  writer.fixed32(spanFlags(context.traceFlags, parent?.isRemote));
  writer.close(start);
}

/** The spans by resource, then by scope, each in the order they came (as the SDK groups them). */
function grouped(spans: readonly ReadableSpan[]): Map<Resource, Map<InstrumentationScope, ReadableSpan[]>> {
  const byResource = new Map<Resource, Map<InstrumentationScope, ReadableSpan[]>>();
  for (const span of spans) {
    let byScope = byResource.get(span.resource);
    if (!byScope) byResource.set(span.resource, (byScope = new Map()));
    const list = byScope.get(span.instrumentationScope);
    if (list) list.push(span);
    else byScope.set(span.instrumentationScope, [span]);
  }
  return byResource;
}

/**
 * Spans of one resource and scope already encoded, each a ScopeSpans.spans field (tag, length,
 * Span message), one after the other: what the span pipeline holds for export (span-pipeline.ts).
 */
export interface EncodedSpans {
  readonly resource: Resource;
  readonly scope: InstrumentationScope;
  readonly body: Uint8Array;
  /** How many spans `body` holds (the SDK's export metrics count a batch by its length). */
  readonly length: number;
}

/**
 * An OTLP serialiser of finished spans: one span at a time as it ends (`writeSpan`), into a buffer
 * the span pipeline keeps, then a request around such bytes (`request`); or a whole batch of the
 * SDK's spans at once (`serialize`). Keep one per exporter (its caches live with it).
 */
export class OtlpSpanSerializer {
  private readonly writer = new ProtobufWriter();
  private readonly once = new EncodedOnce();

  /** The span as a ScopeSpans.spans field, appended to `writer`. */
  writeSpan(writer: ProtobufWriter, span: ReadableSpan): void {
    writeSpan(writer, this.once, span);
  }

  /** An ExportTraceServiceRequest holding the encoded spans of each entry, in order. */
  request(batches: readonly EncodedSpans[]): Uint8Array {
    const { writer } = this;
    writer.reset();
    for (const batch of batches) {
      this.writeResourceSpans(batch.resource, [batch.scope], () => writer.raw(batch.body));
    }
    return writer.finish();
  }

  serialize(spans: readonly ReadableSpan[]): Uint8Array {
    const { writer, once } = this;
    writer.reset();
    for (const [resource, byScope] of grouped(spans)) {
      this.writeResourceSpans(resource, byScope.keys(), (scope) => {
        for (const span of byScope.get(scope) ?? []) writeSpan(writer, once, span);
      });
    }
    return writer.finish();
  }

  /** One ResourceSpans, a ScopeSpans in it for each scope, whose spans `writeSpans` writes. */
  private writeResourceSpans(resource: Resource, scopes: Iterable<InstrumentationScope>, writeSpans: (scope: InstrumentationScope) => void): void {
    const { writer, once } = this;
    writer.tag(1, WIRE.len);
    const resourceSpans = writer.open();
    writer.raw(once.resourceField(resource));
    for (const scope of scopes) {
      writer.tag(2, WIRE.len);
      const scopeStart = writer.open();
      writer.raw(once.scopeField(scope));
      writeSpans(scope);
      if (scope.schemaUrl) {
        writer.tag(3, WIRE.len);
        writer.string(scope.schemaUrl);
      }
      writer.close(scopeStart);
    }
    if (resource.schemaUrl) {
      writer.tag(3, WIRE.len);
      writer.string(resource.schemaUrl);
    }
    writer.close(resourceSpans);
  }
}
