import { createHmac } from 'node:crypto';
import type { HeaderMap } from './header-map';
import { trimAll } from './canonical-request';
import { decodeComponent } from './uri-encoding';

/**
 * The query parameters Signature Version 2 signs as part of the resource ("sub-resources" and the
 * response header overrides): AWS's list, with the later sub-resources the SDKs' signers add too.
 * Every other parameter is left out of the string to sign.
 */
const SIGNED_SUBRESOURCES: ReadonlySet<string> = new Set([
  'accelerate',
  'acl',
  'analytics',
  'cors',
  'delete',
  'encryption',
  'inventory',
  'legal-hold',
  'lifecycle',
  'location',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'partNumber',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'response-content-language',
  'response-content-type',
  'response-expires',
  'restore',
  'retention',
  'select',
  'select-type',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
]);

/** What a SigV2 signature covers, as the header and the query form both find it. */
export interface SigV2Request {
  method: string;
  /** The path exactly as received (still percent-encoded). */
  rawPath: string;
  rawQuery: string;
  /** The bucket a virtual-hosted request names in its Host: the resource starts with it. */
  hostBucket?: string;
  headers: HeaderMap;
  /** The Date line: the Date header, '' when x-amz-date is sent, Expires for a presigned URL. */
  dateLine: string;
}

/**
 * AWS's CanonicalizedResource: '/bucket' for a virtual-hosted request, then the path as sent,
 * then the signed sub-resources sorted by name, decoded, 'name' alone when its value is empty
 * (whether sent as '?uploads' or '?uploads=': the SDKs sign both that way).
 */
export function canonicalizedResource(request: Pick<SigV2Request, 'rawPath' | 'rawQuery' | 'hostBucket'>): string {
  const base = request.hostBucket === undefined ? request.rawPath : `/${request.hostBucket}${request.rawPath}`;
  if (request.rawQuery === '') return base;
  const signed: { name: string; part: string }[] = [];
  for (const raw of request.rawQuery.split('&')) {
    const eq = raw.indexOf('=');
    const name = decodeComponent(eq >= 0 ? raw.slice(0, eq) : raw);
    if (!SIGNED_SUBRESOURCES.has(name)) continue;
    const value = eq >= 0 ? decodeComponent(raw.slice(eq + 1)) : '';
    signed.push({ name, part: value === '' ? name : `${name}=${value}` });
  }
  if (signed.length === 0) return base;
  signed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${base}?${signed.map((s) => s.part).join('&')}`;
}

/** Every x-amz-* header, lower-cased and sorted, repeats joined with ',', as 'name:value\n'. */
function canonicalizedAmzHeaders(headers: HeaderMap): string {
  const names = [...headers.keys()].filter((name) => name.startsWith('x-amz-')).sort();
  let out = '';
  for (const name of names) out += `${name}:${(headers.get(name) ?? []).map(trimAll).join(',')}\n`;
  return out;
}

function header(headers: HeaderMap, name: string): string {
  return (headers.get(name) ?? []).map((v) => v.trim()).join(',');
}

export function sigV2StringToSign(request: SigV2Request): string {
  const { headers } = request;
  return (
    `${request.method}\n${header(headers, 'content-md5')}\n${header(headers, 'content-type')}\n${request.dateLine}\n` +
    `${canonicalizedAmzHeaders(headers)}${canonicalizedResource(request)}`
  );
}

/** Base64 HMAC-SHA1 of the string to sign under the secret key: SigV2's (and its POST policies') signature. */
export function sigV2Sign(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}
