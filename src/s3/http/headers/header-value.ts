import type { IncomingHttpHeaders } from 'node:http';

/** A single header value: Node joins most repeated headers, but a few arrive as arrays. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
