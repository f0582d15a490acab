import { join } from 'node:path';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as protobuf from 'protobufjs';
import { OtlpSpanSerializer } from '../../../src/telemetry/otlp-span-serializer';

/** A decoder built from opentelemetry-proto's own message definitions, by protobufjs. */
const exportRequest = protobuf.loadSync(join(__dirname, 'support', 'otlp-trace-export.proto')).lookupType('opentelemetry.proto.ExportTraceServiceRequest');

/** Every field, defaults included (a zero left out reads as the zero written), 64-bit values as strings. */
function decoded(bytes: Uint8Array): Record<string, unknown> {
  return exportRequest.toObject(exportRequest.decode(bytes), { longs: String, bytes: String, enums: Number, defaults: true, arrays: true });
}

function providerOf(resource: Record<string, string>): { provider: BasicTracerProvider; exporter: InMemorySpanExporter } {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes(resource), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { provider, exporter };
}

/**
 * The spans a traced request makes, and the shapes they can take beyond it: a client's remote
 * parent with trace state, every attribute type (arrays, doubles, negatives, non-ASCII, a string
 * long enough to need a two-byte length), an exception event, an error status, a link, a second
 * resource and scope, and enough spans that a length needs three bytes.
 */
function sampleSpans(): ReadableSpan[] {
  const gateway = providerOf({ 'service.name': 'tracegw', 'deployment.environment': 'test', 'host.name': 'höst' });
  const other = providerOf({ 'service.name': 'other' });
  const tracer = gateway.provider.getTracer('tracegw', '0.1.0');
  const client = trace.setSpanContext(ROOT_CONTEXT, {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: new TraceState('vendor=value,other=1'),
  });
  const root = tracer.startSpan('S3.GetObject', { kind: SpanKind.SERVER }, client);
  root.setAttributes({
    'http.method': 'GET',
    'http.url': '/bucket/dir/ключ-ü€😀',
    'http.status_code': 404,
    's3.bucket': 'bucket',
    'http.user_agent': `aws-cli/2.x ${'x'.repeat(300)}`,
    'auth.is_root': false,
    'posix.throughput_mbps': 222.5,
    'negative.int': -42,
    'big.int': 2 ** 40,
    'string.array': ['a', 'b', 'ü'],
    'number.array': [1, 2.5, -3],
  });
  const parent = trace.setSpan(ROOT_CONTEXT, root);
  const auth = tracer.startSpan('Auth.V4Signature', { attributes: { 'auth.method': 'presigned', 'duration_ms': 0.042 } }, parent);
  auth.end();
  const backend = tracer.startSpan('Backend.GetObject', { links: [{ context: auth.spanContext(), attributes: { 'link.kind': 'follows' } }] }, parent);
  backend.recordException(new Error('The specified key does not exist.'));
  backend.setStatus({ code: SpanStatusCode.ERROR, message: 'NoSuchKey' });
  backend.addEvent('part_assembled', { current_part: 1, bytes_copied: 104857600 });
  backend.end();
  for (let i = 0; i < 600; i++) {
    const span = tracer.startSpan('Posix.IO.CopyPart', { attributes: { 'posix.part_number': i + 1, 'posix.copy_method': i % 2 ? 'copy_file_range' : 'io_copy_fallback' } }, parent);
    span.end();
  }
  root.setStatus({ code: SpanStatusCode.OK });
  root.end();
  other.provider.getTracer('another-scope').startSpan('elsewhere').end();
  tracer.startSpan('after the other resource').end();
  return [...gateway.exporter.getFinishedSpans().slice(0, 300), ...other.exporter.getFinishedSpans(), ...gateway.exporter.getFinishedSpans().slice(300)];
}

describe("tracegw's OTLP span serialiser", () => {
  const spans = sampleSpans();
  const sdk = ProtobufTraceSerializer.serializeRequest(spans);
  if (!sdk) throw new Error('the SDK serialised nothing');
  const expected = decoded(sdk);

  it("encodes what the SDK's serialiser encodes, as opentelemetry-proto decodes both", () => {
    const ours = new OtlpSpanSerializer().serialize(spans);
    expect(decoded(ours)).toEqual(expected);
    // Both really hold the batch: two resources, every span, the client's parent and trace state.
    const resourceSpans = expected.resourceSpans as Array<{ scopeSpans: Array<{ spans: Array<Record<string, unknown>> }> }>;
    expect(resourceSpans).toHaveLength(2);
    expect(resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))).toHaveLength(spans.length);
    expect(resourceSpans[0].scopeSpans[0].spans.find((span) => span.name === 'S3.GetObject')).toMatchObject({ traceState: 'vendor=value,other=1', kind: 2 });
  });

  it('gives the same answer again from its caches, and for one span alone', () => {
    const serializer = new OtlpSpanSerializer();
    serializer.serialize(spans);
    expect(decoded(serializer.serialize(spans))).toEqual(expected);
    const one = spans.filter((span) => span.name === 'Backend.GetObject');
    expect(decoded(serializer.serialize(one))).toEqual(decoded(ProtobufTraceSerializer.serializeRequest(one) ?? new Uint8Array()));
  });

  it('writes canonical protobuf: every length is a minimal varint', () => {
    const ours = new OtlpSpanSerializer().serialize(spans);
    // Re-encoding what was decoded gives the same length: no padded varint anywhere.
    const reencoded = exportRequest.encode(exportRequest.decode(ours)).finish();
    expect(ours.length).toBe(reencoded.length);
  });
});
