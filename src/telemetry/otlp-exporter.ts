import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { OtelConfig } from '../config/gateway-config';

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

/**
 * The OTLP exporter for the configuration. Headers given to tracegw are merged by the exporter over
 * OTEL_EXPORTER_OTLP_HEADERS and OTEL_EXPORTER_OTLP_TRACES_HEADERS (ours win per name); TLS
 * certificates come from OTEL_EXPORTER_OTLP_(TRACES_)CERTIFICATE and friends, as for any OTLP
 * exporter. Loaded on demand: a gateway with tracing off never loads gRPC.
 */
export async function createSpanExporter(otel: OtelConfig, timeoutMillis: number): Promise<SpanExporter> {
  const target = exportTarget(otel);
  if (target.protocol === 'http/protobuf') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
    return new OTLPTraceExporter({ url: target.url, headers: { ...otel.headers }, timeoutMillis });
  }
  const [{ OTLPTraceExporter }, { createEmptyMetadata }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-grpc'),
    import('@opentelemetry/otlp-grpc-exporter-base'),
  ]);
  const metadata = createEmptyMetadata();
  for (const [name, value] of Object.entries(otel.headers)) metadata.set(name, value);
  // No credentials here: from the URL's scheme the exporter picks TLS (with the certificates of
  // the standard variables) or plain text.
  return new OTLPTraceExporter({ url: target.url, metadata, timeoutMillis });
}
