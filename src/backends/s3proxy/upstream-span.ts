import type { FinalizeRequestHandlerOptions, FinalizeRequestMiddleware, HttpRequest, HttpResponse, MetadataBearer, RelativeMiddlewareOptions } from '@smithy/types';
import { type Attributes, SpanKind } from '@opentelemetry/api';
import { ATTR, SPAN } from '../../telemetry/attributes';
import { setHttpStatus } from '../../telemetry/http-status';
import type { RecordingSpan } from '../../telemetry/recording-span';
import { withSpan } from '../../telemetry/with-span';

/** After signing: the span covers the call on the wire, and traceparent is added to the request as it is sent. */
export const UPSTREAM_SPAN_PLACE: RelativeMiddlewareOptions & Pick<FinalizeRequestHandlerOptions, 'name'> = {
  name: 'tracegwUpstreamSpan',
  relation: 'after',
  toMiddleware: 'httpSigningMiddleware',
};

/** W3C trace context of `span`: the upstream (a tracegw too, say) puts its spans under it, in the same trace. */
function traceparent(span: RecordingSpan): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
}

function urlOf(request: HttpRequest): string {
  const port = request.port === undefined ? '' : `:${request.port}`;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, one ?? '');
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return `${request.protocol}//${request.hostname}${port}${request.path}${search}`;
}

function requestAttributes(request: HttpRequest, operation: string): Attributes {
  const url = urlOf(request);
  const attributes: Attributes = {
    [ATTR.httpMethod]: request.method,
    [ATTR.httpRequestMethod]: request.method,
    [ATTR.httpUrl]: url,
    [ATTR.urlFull]: url,
    [ATTR.serverAddress]: request.hostname,
    [ATTR.rpcSystem]: 'aws-api',
    [ATTR.rpcService]: 'S3',
    [ATTR.rpcMethod]: operation,
  };
  if (request.port !== undefined) attributes[ATTR.serverPort] = request.port;
  return attributes;
}

function setStatus(span: RecordingSpan, status: number | undefined): void {
  if (status !== undefined) setHttpStatus(span, status);
}

/** The status of an upstream error response, as the SDK's error carries it. */
function failedStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/**
 * One upstream call as `S3Proxy.<Operation>`, a client span under `parent` (the operation's
 * Backend.<Operation> span) with its HTTP attributes, the request carrying the span's traceparent.
 * Added to one command's own middleware stack, so it knows its parent without any context.
 */
export function upstreamSpan<Input extends object, Output extends MetadataBearer>(parent: RecordingSpan, operation: string): FinalizeRequestMiddleware<Input, Output> {
  return (next) => (args) => {
    const request = args.request as HttpRequest;
    return withSpan(parent, SPAN.upstream(operation), { kind: SpanKind.CLIENT, attributes: requestAttributes(request, operation) }, async (span) => {
      request.headers.traceparent = traceparent(span);
      try {
        const output = await next(args);
        setStatus(span, (output.response as HttpResponse | undefined)?.statusCode);
        return output;
      } catch (error) {
        setStatus(span, failedStatus(error));
        throw error;
      }
    });
  };
}
