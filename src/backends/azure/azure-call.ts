import { SpanKind } from '@opentelemetry/api';
import { RestError } from '@azure/storage-blob';
import { ATTR, SPAN } from '../../telemetry/attributes';
import { setHttpStatus } from '../../telemetry/http-status';
import type { RecordingSpan } from '../../telemetry/recording-span';
import { recorded, type SpanParent, withSpan } from '../../telemetry/with-span';

/** The Blob service's REST operations the backend calls, named as Azure's REST reference names them. */
export type AzureOperation =
  | 'ListContainers'
  | 'CreateContainer'
  | 'GetContainerProperties'
  | 'SetContainerMetadata'
  | 'DeleteContainer'
  | 'ListBlobs'
  | 'PutBlob'
  | 'GetBlob'
  | 'GetBlobProperties'
  | 'SetBlobMetadata'
  | 'SetBlobProperties'
  | 'DeleteBlob'
  | 'GetBlobTags'
  | 'SetBlobTags'
  | 'CopyBlobFromURL'
  | 'PutBlock'
  | 'PutBlockFromURL'
  | 'PutBlockList'
  | 'GetBlockList';

/** What the SDK hands back with every answer: the HTTP exchange behind it. */
interface HttpExchange {
  status: number;
  request: { method: string; url: string };
  headers: { get(name: string): string | undefined };
}

/** The URL without its query: a SAS token is a credential and never goes into a span. */
function withoutQuery(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    return parsed;
  } catch {
    return undefined;
  }
}

function describeExchange(span: RecordingSpan, method: string, url: string, status: number | undefined, requestId: string | undefined): void {
  span.setAttribute(ATTR.httpMethod, method);
  span.setAttribute(ATTR.httpRequestMethod, method);
  const target = withoutQuery(url);
  if (target !== undefined) {
    span.setAttribute(ATTR.httpUrl, target.href);
    span.setAttribute(ATTR.urlFull, target.href);
    span.setAttribute(ATTR.serverAddress, target.hostname);
    span.setAttribute(ATTR.serverPort, Number(target.port || (target.protocol === 'https:' ? 443 : 80)));
  }
  if (status !== undefined) setHttpStatus(span, status);
  if (requestId !== undefined) span.setAttribute(ATTR.azureRequestId, requestId);
}

function exchangeOf(result: unknown): HttpExchange | undefined {
  const exchange = (result as { _response?: HttpExchange } | null | undefined)?._response;
  return exchange?.request !== undefined ? exchange : undefined;
}

/**
 * One call of the Azure SDK as a client span `Azure.<operation>` under `parent` (the command's
 * Backend.<Operation> span), with the HTTP attributes of the exchange: method, URL (without its
 * query), status and Azure's request id, also when the call failed. The span ends when the answer's
 * headers are in: a download's body streams on after it. Outside a recorded request it only calls.
 */
export function azureCall<T>(parent: SpanParent, operation: AzureOperation, call: () => Promise<T>): Promise<T> {
  if (!recorded(parent)) return call();
  return withSpan(parent, SPAN.azure(operation), { kind: SpanKind.CLIENT }, async (span) => {
    let result: T;
    try {
      result = await call();
    } catch (error) {
      if (error instanceof RestError && error.request !== undefined) {
        describeExchange(span, error.request.method, error.request.url, error.statusCode, error.response?.headers.get('x-ms-request-id'));
        if (error.code !== undefined) span.setAttribute(ATTR.azureErrorCode, error.code);
      }
      throw error;
    }
    const exchange = exchangeOf(result);
    if (exchange !== undefined) describeExchange(span, exchange.request.method, exchange.request.url, exchange.status, exchange.headers.get('x-ms-request-id'));
    return result;
  });
}
