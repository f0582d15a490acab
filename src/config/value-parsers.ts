import { isIP } from 'node:net';
import type { ListenAddress } from './gateway-config';

/**
 * Parsers from the text of a flag or variable to a typed value. Each returns the value or a
 * reason string (the tail of the error line); the caller knows which option it was parsing.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Strict on purpose: a typo such as `VGW_DEBUG=ture` must not silently mean false. */
export function parseBoolean(text: string): Parsed<boolean> {
  switch (text.trim().toLowerCase()) {
    case 'true':
    case '1':
      return ok(true);
    case 'false':
    case '0':
      return ok(false);
    default:
      return fail('must be true, false, 1 or 0');
  }
}

// Number() alone would take '', '0x1', 'Infinity' and ' 1 ' as numbers.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseDecimal(text: string): Parsed<number> {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? ok(Number(trimmed)) : fail('must be a number');
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const LISTEN_FORMS = 'must be <host>:<port>, :<port> or [<ipv6>]:<port>';

/** Go's net.Listen forms, which VersityGW users already write: `host:port`, `:port`, `[::1]:port`. */
export function parseListenAddress(text: string): Parsed<ListenAddress> {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return fail(LISTEN_FORMS);
  const hostPart = text.slice(0, colon);
  const portPart = text.slice(colon + 1);

  if (!/^\d{1,5}$/.test(portPart)) return fail(`${LISTEN_FORMS} (port is not a number)`);
  const port = Number(portPart);
  if (port < 1 || port > 65535) return fail('port must be between 1 and 65535');

  if (hostPart === '') return ok({ host: undefined, port });
  if (hostPart.startsWith('[') && hostPart.endsWith(']')) {
    const ipv6 = hostPart.slice(1, -1);
    return isIP(ipv6) === 6 ? ok({ host: ipv6, port }) : fail(`"${ipv6}" is not an IPv6 address`);
  }
  // An unbracketed ':' is an IPv6 address whose port cannot be told apart from its last group.
  if (hostPart.includes(':')) return fail(`${LISTEN_FORMS} (write IPv6 addresses in brackets)`);
  if (isIP(hostPart) === 4 || HOST_NAME.test(hostPart)) return ok({ host: hostPart, port });
  return fail(`"${hostPart}" is not a host name or IP address`);
}

/** --metrics-port: like --port, but `:port` means 127.0.0.1, since /metrics answers without authentication. */
export function parseLocalListenAddress(text: string): Parsed<ListenAddress> {
  const parsed = parseListenAddress(text);
  return parsed.ok && parsed.value.host === undefined ? ok({ host: '127.0.0.1', port: parsed.value.port }) : parsed;
}

/** --metrics-statsd-servers: VersityGW's comma-separated `host:port` list (UDP), at least one. */
export function parseStatsdServers(text: string): Parsed<readonly { host: string; port: number }[]> {
  const servers: { host: string; port: number }[] = [];
  for (const item of text.split(',')) {
    const parsed = parseListenAddress(item.trim());
    if (!parsed.ok) return fail(`"${item.trim()}": ${parsed.reason}`);
    servers.push({ host: parsed.value.host ?? '127.0.0.1', port: parsed.value.port });
  }
  return ok(servers);
}

/** An absolute URL path, compared byte for byte with the request's: no query, no spaces, no dot segments. */
export function parseHealthPath(text: string): Parsed<string> {
  if (!/^\/[\x21-\x7e]*$/.test(text) || text.includes('?') || text.includes('#')) {
    return fail("must be a path starting with '/', without spaces, '?' or '#' (e.g. /health)");
  }
  return ok(text);
}

/**
 * --console-trace-url: an http(s) URL holding `{traceId}`, where the console puts an operation's
 * trace id (32 hex digits, so nothing needs escaping). Any other scheme is refused: the console
 * puts the link in a page, and a `javascript:` one would run there.
 */
export function parseTraceUrlTemplate(text: string): Parsed<string> {
  const reason = 'must be an http(s) URL with {traceId} in it (e.g. http://jaeger:16686/trace/{traceId})';
  if (!text.includes('{traceId}')) return fail(reason);
  try {
    const url = new URL(text.replaceAll('{traceId}', '0'.repeat(32)));
    return url.protocol === 'http:' || url.protocol === 'https:' ? ok(text) : fail(reason);
  } catch {
    return fail(reason);
  }
}

// RFC 9110 token: what a header name may contain.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `name=value,name2=value2`, the format of OTEL_EXPORTER_OTLP_HEADERS: values are
 * percent-decoded, so a value can carry ',' or '=' (e.g. `Authorization=Basic%20dXNlcg%3D%3D`).
 */
export function parseHeaders(text: string): Parsed<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const eq = pair.indexOf('=');
    if (eq < 0) return fail(`"${pair.trim()}" is not name=value`);
    const name = pair.slice(0, eq).trim();
    if (!HEADER_NAME.test(name)) return fail(`"${name}" is not a valid header name`);
    let value: string;
    try {
      value = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      return fail(`the value of "${name}" has a bad %-escape`);
    }
    headers[name] = value;
  }
  return ok(headers);
}

/**
 * Always octal, as chmod reads it. VersityGW's flag parses with Go's base prefixes (so its
 * `755` means decimal 755); admins mean 0755 whichever way they write it.
 */
export function parseOctalMode(text: string): Parsed<number> {
  const match = /^(?:0o?)?([0-7]{1,4})$/i.exec(text.trim());
  return match ? ok(parseInt(match[1], 8)) : fail('must be an octal mode such as 0755');
}

/** Far above any machine's core count: it catches a typo (10000) before it forks the machine to a halt. */
export const MAX_WORKERS = 1024;

/** The number of serving processes: a whole number from 1 (one process, no cluster) to MAX_WORKERS. */
export function parseWorkerCount(text: string): Parsed<number> {
  const trimmed = text.trim();
  const value = /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : 0;
  return value >= 1 && value <= MAX_WORKERS ? ok(value) : fail(`must be a whole number of processes from 1 to ${MAX_WORKERS}`);
}

/** A base domain for virtual-hosted-style addressing: a host name without port or trailing dot, kept lower case. */
export function parseVirtualDomain(text: string): Parsed<string> {
  const trimmed = text.trim();
  return HOST_NAME.test(trimmed) ? ok(trimmed.toLowerCase()) : fail('must be a domain name such as s3.example.com, without scheme or port');
}
