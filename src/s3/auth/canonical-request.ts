import type { HeaderMap } from './header-map';
import type { QueryParam } from '../../request/request-query';
import { canonicalComponent } from './uri-encoding';
import { sha256Hex } from './sigv4-crypto';
import { SIGV4_ALGORITHM, SIGV4_SERVICE, SIGV4_TERMINATOR } from './sigv4.constants';

export type { QueryParam } from '../../request/request-query';

/** A parameter's canonical (re-encoded) forms, what the signature covers. */
interface CanonicalParam {
  encodedName: string;
  encodedValue: string;
}

const SLASH = 0x2f;
const ABSOLUTE_FORM = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

export function splitRawUrl(rawUrl: string): { rawPath: string; rawQuery: string } {
  let url = rawUrl;
  // Absolute-form request targets (RFC 9112 §3.2.2) carry scheme and authority: drop them.
  const absolute = url.charCodeAt(0) === SLASH ? null : ABSOLUTE_FORM.exec(url);
  if (absolute) url = url.slice(absolute[0].length);
  const hash = url.indexOf('#');
  if (hash >= 0) url = url.slice(0, hash);
  const q = url.indexOf('?');
  const rawPath = q >= 0 ? url.slice(0, q) : url;
  const rawQuery = q >= 0 ? url.slice(q + 1) : '';
  return { rawPath: rawPath === '' ? '/' : rawPath, rawQuery };
}

/**
 * S3's canonical URI: the path as the client meant it, encoded once. S3 neither normalises
 * ('.', '..', '//' stay) nor double-encodes, unlike every other service, so each segment of the
 * received path is decoded and re-encoded rather than taken verbatim: '%2f' and '%2F', or '!'
 * and '%21', reach the same canonical form. Segments are split on the literal '/' first, so an
 * encoded slash inside a key segment stays '%2F' as the client signed it.
 */
export function canonicalUri(rawPath: string): string {
  if (PLAIN_PATH.test(rawPath)) return rawPath;
  return rawPath.split('/').map(canonicalComponent).join('/');
}

/** A path of unreserved characters and slashes is already canonical. */
const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

/** Sorted by encoded name, then encoded value; a parameter without '=' signs as 'name='. */
export function canonicalQueryString(params: readonly QueryParam[], exclude?: string): string {
  const kept: CanonicalParam[] = [];
  for (const p of params) {
    if (p.name !== exclude) kept.push({ encodedName: canonicalComponent(p.rawName), encodedValue: canonicalComponent(p.rawValue) });
  }
  // Signers send their parameters sorted already; they are sorted only when they are not.
  const sorted = inCanonicalOrder(kept) ? kept : kept.sort(byCanonicalOrder);
  let out = '';
  for (let i = 0; i < sorted.length; i++) out += `${i === 0 ? '' : '&'}${sorted[i].encodedName}=${sorted[i].encodedValue}`;
  return out;
}

function byCanonicalOrder(a: CanonicalParam, b: CanonicalParam): number {
  if (a.encodedName !== b.encodedName) return a.encodedName < b.encodedName ? -1 : 1;
  return a.encodedValue < b.encodedValue ? -1 : a.encodedValue > b.encodedValue ? 1 : 0;
}

function inCanonicalOrder(params: readonly CanonicalParam[]): boolean {
  for (let i = 1; i < params.length; i++) if (byCanonicalOrder(params[i - 1], params[i]) > 0) return false;
  return true;
}

/** Trim, and collapse inner runs of whitespace to one space, as the SDK signers do. */
export function trimAll(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** Canonical headers block: one 'name:value\n' per signed header, in SignedHeaders order. */
export function canonicalHeaders(headers: HeaderMap, signedHeaders: readonly string[]): string {
  let out = '';
  for (const name of signedHeaders) {
    const values = headers.get(name.toLowerCase()) ?? [];
    out += `${name}:${values.map(trimAll).join(',')}\n`;
  }
  return out;
}

export interface CanonicalRequestParts {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  canonicalHeaders: string;
  signedHeaders: string;
  payloadHash: string;
}

export function buildCanonicalRequest(p: CanonicalRequestParts): string {
  return [p.method, p.canonicalUri, p.canonicalQuery, p.canonicalHeaders, p.signedHeaders, p.payloadHash].join('\n');
}

export function credentialScope(date: string, region: string, service = SIGV4_SERVICE): string {
  return `${date}/${region}/${service}/${SIGV4_TERMINATOR}`;
}

export function buildStringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return `${SIGV4_ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}
