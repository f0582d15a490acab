// The OTLP transformer's own protobuf reader (the package encodes, and reads responses, with it).
import { ProtobufReader } from '@opentelemetry/otlp-transformer/build/src/common/protobuf/protobuf-reader';

export type AttributeValue = string | number | boolean | AttributeValue[];
export type AttributeMap = Record<string, AttributeValue>;

export interface ReceivedEvent {
  name: string;
  attributes: AttributeMap;
}

/** One span as a collector receives it (opentelemetry/proto/trace/v1/trace.proto). */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  /** W3C tracestate the span carries. */
  traceState: string;
  name: string;
  /** Start time, nanoseconds since the epoch. */
  startTime: bigint;
  /** SpanKind of the proto: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: AttributeMap;
  events: ReceivedEvent[];
  /** 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
  resource: AttributeMap;
  scope: string;
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;

/** Reads every field of one message: `onField` consumes the ones it knows, the rest are skipped. */
function readFields(bytes: Uint8Array, onField: (field: number, wire: number, reader: ProtobufReader) => boolean): void {
  const reader = new ProtobufReader(bytes);
  while (!reader.isAtEnd()) {
    const { fieldNumber, wireType } = reader.readTag();
    if (!onField(fieldNumber, wireType, reader)) reader.skip(wireType);
  }
}

function readDouble(bytes: Uint8Array, reader: ProtobufReader): number {
  const value = new DataView(bytes.buffer, bytes.byteOffset + reader.pos, 8).getFloat64(0, true);
  reader.pos += 8;
  return value;
}

function readFixed64(bytes: Uint8Array, reader: ProtobufReader): bigint {
  const value = new DataView(bytes.buffer, bytes.byteOffset + reader.pos, 8).getBigUint64(0, true);
  reader.pos += 8;
  return value;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function decodeAnyValue(bytes: Uint8Array): AttributeValue {
  let value: AttributeValue = '';
  readFields(bytes, (field, wire, reader) => {
    if (field === 1 && wire === WIRE_LEN) value = reader.readString();
    else if (field === 2 && wire === WIRE_VARINT) value = reader.readVarint() !== 0;
    else if (field === 3 && wire === WIRE_VARINT) value = reader.readVarint();
    else if (field === 4 && wire === WIRE_FIXED64) value = readDouble(bytes, reader);
    else if (field === 5 && wire === WIRE_LEN) value = decodeArray(reader.readBytes());
    else return false;
    return true;
  });
  return value;
}

function decodeArray(bytes: Uint8Array): AttributeValue[] {
  const values: AttributeValue[] = [];
  readFields(bytes, (field, wire, reader) => {
    if (field !== 1 || wire !== WIRE_LEN) return false;
    values.push(decodeAnyValue(reader.readBytes()));
    return true;
  });
  return values;
}

function decodeKeyValue(bytes: Uint8Array, into: AttributeMap): void {
  let key = '';
  let value: AttributeValue = '';
  readFields(bytes, (field, wire, reader) => {
    if (field === 1 && wire === WIRE_LEN) key = reader.readString();
    else if (field === 2 && wire === WIRE_LEN) value = decodeAnyValue(reader.readBytes());
    else return false;
    return true;
  });
  into[key] = value;
}

function decodeEvent(bytes: Uint8Array): ReceivedEvent {
  const event: ReceivedEvent = { name: '', attributes: {} };
  readFields(bytes, (field, wire, reader) => {
    if (field === 2 && wire === WIRE_LEN) event.name = reader.readString();
    else if (field === 3 && wire === WIRE_LEN) decodeKeyValue(reader.readBytes(), event.attributes);
    else return false;
    return true;
  });
  return event;
}

function decodeStatus(bytes: Uint8Array): { code: number; message: string } {
  const status = { code: 0, message: '' };
  readFields(bytes, (field, wire, reader) => {
    if (field === 2 && wire === WIRE_LEN) status.message = reader.readString();
    else if (field === 3 && wire === WIRE_VARINT) status.code = reader.readVarint();
    else return false;
    return true;
  });
  return status;
}

function decodeSpan(bytes: Uint8Array, resource: AttributeMap, scope: string): ReceivedSpan {
  const span: ReceivedSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    traceState: '',
    name: '',
    startTime: 0n,
    kind: 0,
    attributes: {},
    events: [],
    status: { code: 0, message: '' },
    resource,
    scope,
  };
  readFields(bytes, (field, wire, reader) => {
    if (wire === WIRE_LEN && field === 1) span.traceId = hex(reader.readBytes());
    else if (wire === WIRE_LEN && field === 2) span.spanId = hex(reader.readBytes());
    else if (wire === WIRE_LEN && field === 3) span.traceState = reader.readString();
    else if (wire === WIRE_LEN && field === 4) span.parentSpanId = hex(reader.readBytes());
    else if (wire === WIRE_LEN && field === 5) span.name = reader.readString();
    else if (wire === WIRE_VARINT && field === 6) span.kind = reader.readVarint();
    else if (wire === WIRE_FIXED64 && field === 7) span.startTime = readFixed64(bytes, reader);
    else if (wire === WIRE_LEN && field === 9) decodeKeyValue(reader.readBytes(), span.attributes);
    else if (wire === WIRE_LEN && field === 11) span.events.push(decodeEvent(reader.readBytes()));
    else if (wire === WIRE_LEN && field === 15) span.status = decodeStatus(reader.readBytes());
    else return false;
    return true;
  });
  return span;
}

/** InstrumentationScope: field 1 is its name. */
function decodeScopeName(bytes: Uint8Array): string {
  let name = '';
  readFields(bytes, (field, wire, reader) => {
    if (field !== 1 || wire !== WIRE_LEN) return false;
    name = reader.readString();
    return true;
  });
  return name;
}

/** Resource: field 1 holds its attributes. */
function decodeAttributesOf(bytes: Uint8Array, into: AttributeMap): void {
  readFields(bytes, (field, wire, reader) => {
    if (field !== 1 || wire !== WIRE_LEN) return false;
    decodeKeyValue(reader.readBytes(), into);
    return true;
  });
}

function decodeScopeSpans(bytes: Uint8Array, resource: AttributeMap, into: ReceivedSpan[]): void {
  let scope = '';
  const spanBytes: Uint8Array[] = [];
  readFields(bytes, (field, wire, reader) => {
    if (field === 1 && wire === WIRE_LEN) scope = decodeScopeName(reader.readBytes());
    else if (field === 2 && wire === WIRE_LEN) spanBytes.push(reader.readBytes());
    else return false;
    return true;
  });
  for (const span of spanBytes) into.push(decodeSpan(span, resource, scope));
}

function decodeResourceSpans(bytes: Uint8Array, into: ReceivedSpan[]): void {
  const resource: AttributeMap = {};
  const scopes: Uint8Array[] = [];
  readFields(bytes, (field, wire, reader) => {
    if (field === 1 && wire === WIRE_LEN) decodeAttributesOf(reader.readBytes(), resource);
    else if (field === 2 && wire === WIRE_LEN) scopes.push(reader.readBytes());
    else return false;
    return true;
  });
  for (const scope of scopes) decodeScopeSpans(scope, resource, into);
}

/** Decodes an ExportTraceServiceRequest (opentelemetry/proto/collector/trace/v1) into flat spans. */
export function decodeTraceExport(bytes: Uint8Array): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  readFields(bytes, (field, wire, reader) => {
    if (field !== 1 || wire !== WIRE_LEN) return false;
    decodeResourceSpans(reader.readBytes(), spans);
    return true;
  });
  return spans;
}
