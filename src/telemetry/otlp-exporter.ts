import type { IExporterMetricsHelper, IExportTraceServiceResponse, ISerializer } from '@opentelemetry/otlp-transformer';
import type { OtelConfig } from '../config/gateway-config';
import type { EncodedSpans, OtlpSpanSerializer } from './otlp-span-serializer';
import type { EncodedSpansExporter } from './span-pipeline';

/** Where and how spans are sent: the exporter's URL says the transport security by its scheme. */
export interface ExportTarget {
  readonly protocol: 'grpc' | 'http/protobuf';
  readonly url: string;
}

const TRACES_PATH = '/v1/traces';

/**
 * `host:port` gets https:// unless --otel-insecure; a URL keeps the scheme it was given, since
 * whoever wrote `http://` or `https://` said which one they meant.
 */
function withScheme(endpoint: string, insecure: boolean): string {
  if (/^https?:\/\//i.test(endpoint)) return endpoint;
  return `${insecure ? 'http' : 'https'}://${endpoint}`;
}

/**
 * gRPC takes the origin alone; OTLP/HTTP posts to `<endpoint>/v1/traces`, unless the endpoint
 * given already is the full traces URL (as hosted backends print it).
 */
export function exportTarget(otel: Pick<OtelConfig, 'endpoint' | 'useHttp' | 'insecure'>): ExportTarget {
  const base = withScheme(otel.endpoint, otel.insecure);
  if (!otel.useHttp) return { protocol: 'grpc', url: base };
  const url = new URL(base);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith(TRACES_PATH) ? path : `${path}${TRACES_PATH}`;
  return { protocol: 'http/protobuf', url: url.toString() };
}

/** The exporters' self-observability component names, as the SDK's own trace exporters give them. */
const GRPC_COMPONENT = 'otlp_grpc_span_exporter';
const HTTP_COMPONENT = 'otlp_http_span_exporter';
const GRPC_SERVICE = 'TraceExportService';
const GRPC_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

/** The exporters' self-observability counts a batch by its spans, as the SDK's trace exporters do. */
const SPAN_COUNT: IExporterMetricsHelper<EncodedSpans> = { name: 'span', countItems: (batch) => batch.length };

/**
 * The OTLP exporter for the configuration: the SDK's own transports (gRPC, or HTTP/protobuf with
 * `--otel-use-http`: retries, deadlines, TLS, headers, compression), sending batches the span
 * pipeline encoded with tracegw's serialiser (`serializer`, otlp-span-serializer.ts) in place of
 * the SDK's, which took about 22 µs of a 4 KiB GET's three spans (docs/tracing.md): the request
 * is written around the spans' bytes. Responses are read by the SDK's own deserialiser. Headers given to
 * tracegw are merged over OTEL_EXPORTER_OTLP_HEADERS and OTEL_EXPORTER_OTLP_TRACES_HEADERS (ours win
 * per name); TLS certificates come from OTEL_EXPORTER_OTLP_(TRACES_)CERTIFICATE and friends, as for
 * any OTLP exporter. Loaded on demand: a gateway with tracing off never loads gRPC.
 */
export async function createSpanExporter(otel: OtelConfig, timeoutMillis: number, ours: OtlpSpanSerializer): Promise<EncodedSpansExporter> {
  const target = exportTarget(otel);
  const [{ OTLPExporterBase }, { ProtobufTraceSerializer }] = await Promise.all([import('@opentelemetry/otlp-exporter-base'), import('@opentelemetry/otlp-transformer')]);
  const serializer: ISerializer<EncodedSpans, IExportTraceServiceResponse> = {
    serializeRequest: (batch) => ours.request([batch]),
    deserializeResponse: (bytes) => ProtobufTraceSerializer.deserializeResponse(bytes),
  };
  if (target.protocol === 'http/protobuf') {
    const { convertLegacyHttpOptions, createOtlpHttpExportDelegate } = await import('@opentelemetry/otlp-exporter-base/node-http');
    const options = convertLegacyHttpOptions({ url: target.url, headers: { ...otel.headers }, timeoutMillis }, 'TRACES', 'v1/traces', {
      'Content-Type': 'application/x-protobuf',
    });
    return new OTLPExporterBase(createOtlpHttpExportDelegate(options, serializer, HTTP_COMPONENT, SPAN_COUNT, undefined));
  }
  const { convertLegacyOtlpGrpcOptions, createEmptyMetadata, createOtlpGrpcExportDelegate } = await import('@opentelemetry/otlp-grpc-exporter-base');
  const metadata = createEmptyMetadata();
  for (const [name, value] of Object.entries(otel.headers)) metadata.set(name, value);
  // No credentials here: from the URL's scheme the exporter picks TLS (with the certificates of
  // the standard variables) or plain text.
  const options = convertLegacyOtlpGrpcOptions({ url: target.url, metadata, timeoutMillis }, 'TRACES');
  return new OTLPExporterBase(createOtlpGrpcExportDelegate(options, serializer, GRPC_COMPONENT, SPAN_COUNT, undefined, GRPC_SERVICE, GRPC_EXPORT_PATH));
}
