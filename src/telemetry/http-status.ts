import type { AttributeValue } from '@opentelemetry/api';
import { ATTR } from './attributes';

/**
 * An HTTP status on a span under both names the tracing guide keeps: http.status_code (the older
 * semantic conventions) and http.response.status_code (the current ones). The root span's is the
 * gateway's answer; a client span's (Azure.*, S3Proxy.*) the remote service's.
 */
export function setHttpStatus(span: { setAttribute(key: string, value: AttributeValue): unknown }, status: number): void {
  span.setAttribute(ATTR.httpStatusCode, status);
  span.setAttribute(ATTR.httpResponseStatusCode, status);
}
