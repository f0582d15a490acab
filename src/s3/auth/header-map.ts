import type { IncomingHttpHeaders } from 'node:http';

/** Lower-cased header name → every value received for it, in arrival order. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/**
 * Node folds repeated headers into one 'a, b' string (or drops repeats of some), which loses
 * what the client signed ('a,b'). rawHeaders keeps each occurrence, so it is used when given.
 */
export function collectHeaders(headers: IncomingHttpHeaders, rawHeaders?: readonly string[]): HeaderMap {
  const map = new Map<string, string[]>();
  if (rawHeaders && rawHeaders.length > 0) {
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i].toLowerCase();
      const list = map.get(name);
      if (list) list.push(rawHeaders[i + 1]);
      else map.set(name, [rawHeaders[i + 1]]);
    }
    return map;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    map.set(name.toLowerCase(), Array.isArray(value) ? [...value] : [value]);
  }
  return map;
}

/**
 * A header that must occur once: repeats are joined with ',' (as the canonical form does), so
 * a client sending two different values fails validation instead of one being picked silently.
 */
export function singleHeader(headers: HeaderMap, name: string): string | undefined {
  const values = headers.get(name);
  if (!values || values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values.join(',');
}
