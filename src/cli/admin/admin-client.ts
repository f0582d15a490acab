import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ADMIN_METHOD, type AdminRouteSpec } from '../../admin/admin-routes';
import { signRequest, type SigningCredentials } from './sign-request';

export interface AdminConnection extends SigningCredentials {
  /** `http(s)://host:port`, the gateway's S3 port or its --admin-port. */
  endpoint: string;
  /** Accept a TLS certificate that does not verify (self-signed test gateways). */
  allowInsecure: boolean;
}

/** A refusal from the admin API (its JSON error), or a response that is not the admin API's. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly parameter?: string,
  ) {
    // The CLI's one error line: `tracegw: InvalidParameter: limit must be ...`.
    super(`${code}: ${detail}`);
    this.name = 'AdminApiError';
  }
}

export interface AdminCallOptions {
  query?: Record<string, string | number | undefined>;
  body?: object;
}

/** Gives up on a gateway that accepts the connection but never answers. */
const TIMEOUT_MS = 60_000;

/** Calls one admin route, signed with SigV4, and returns its JSON. */
export async function callAdmin(connection: AdminConnection, route: AdminRouteSpec, options: AdminCallOptions = {}): Promise<unknown> {
  const url = new URL(route.path, withTrailingSlash(connection.endpoint));
  url.search = queryString(options.query ?? {});
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(options.body));
  const extra: Record<string, string> = { 'content-length': String(body.length) };
  if (options.body !== undefined) extra['content-type'] = 'application/json';
  const headers = signRequest({ method: ADMIN_METHOD, url, headers: extra, body }, connection);
  const response = await send(url, headers, body, connection.allowInsecure);
  return parseResponse(response.status, response.text);
}

/**
 * `%20` for spaces and every reserved character escaped, rather than URLSearchParams' form
 * encoding ('+' for space), which S3's canonical query string would read as a literal '+'.
 */
function queryString(query: Record<string, string | number | undefined>): string {
  return Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

function withTrailingSlash(endpoint: string): string {
  return endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
}

function send(url: URL, headers: Record<string, string>, body: Buffer, allowInsecure: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    };
    // agent: false: one connection per call, closed after it, so the CLI exits as soon as it is done.
    const options = { method: ADMIN_METHOD, headers, agent: false as const, timeout: TIMEOUT_MS };
    const outgoing =
      url.protocol === 'https:'
        ? httpsRequest(url, { ...options, rejectUnauthorized: !allowInsecure }, onResponse)
        : httpRequest(url, options, onResponse);
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${url.origin} within ${TIMEOUT_MS / 1000} s`)));
    outgoing.on('error', (error) => reject(new Error(`cannot reach ${url.origin}: ${error.message}`)));
    outgoing.end(body);
  });
}

function parseResponse(status: number, text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300 && json !== undefined) return json;
  const error = (json as { error?: { code?: unknown; message?: unknown; parameter?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const parameter = typeof error.parameter === 'string' ? error.parameter : undefined;
    throw new AdminApiError(status, error.code, typeof error.message === 'string' ? error.message : error.code, parameter);
  }
  // An S3 XML error (an older gateway, or a path the admin API does not have) or something else entirely.
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP${status}`;
  throw new AdminApiError(status, code, `unexpected answer from the gateway (HTTP ${status}): ${text.slice(0, 200)}`);
}
