import { createHmac } from 'node:crypto';
import type { Credentials } from './gateway';
import { type RawResponse, sendRaw } from './signed-request';

/**
 * A small Signature Version 2 signer of the test suite's own, written from AWS's description
 * ("Signing and authenticating REST requests") rather than from the gateway's code, so the two
 * can disagree: the sub-resources AWS signs, x-amz-* headers sorted, an empty Date line beside
 * x-amz-date, Expires in place of the date for presigned URLs.
 */
const SUBRESOURCES = ['acl', 'delete', 'lifecycle', 'location', 'partNumber', 'tagging', 'uploadId', 'uploads', 'versionId', 'versioning', 'versions', 'response-content-type', 'response-content-disposition'];

export interface V2Target {
  method: string;
  /** Path as sent, percent-encoded where it needs to be. */
  path: string;
  /** Query as sent, without '?': e.g. 'uploadId=abc&partNumber=1'. */
  query?: string;
  /** The bucket the Host names for a virtual-hosted request: signed as the resource's start. */
  hostBucket?: string;
  headers?: Record<string, string>;
}

function resource(target: V2Target): string {
  const signed = (target.query ?? '')
    .split('&')
    .filter((part) => SUBRESOURCES.includes(decodeURIComponent(part.split('=')[0])))
    .sort()
    .map((part) => {
      const [name, ...value] = part.split('=');
      const decoded = decodeURIComponent(value.join('='));
      return decoded === '' ? name : `${name}=${decoded}`;
    });
  const path = target.hostBucket === undefined ? target.path : `/${target.hostBucket}${target.path}`;
  return signed.length > 0 ? `${path}?${signed.join('&')}` : path;
}

export function v2StringToSign(target: V2Target, dateLine: string): string {
  const headers = Object.fromEntries(Object.entries(target.headers ?? {}).map(([n, v]) => [n.toLowerCase(), v]));
  const amz = Object.keys(headers)
    .filter((n) => n.startsWith('x-amz-'))
    .sort()
    .map((n) => `${n}:${headers[n].trim()}\n`)
    .join('');
  return `${target.method}\n${headers['content-md5'] ?? ''}\n${headers['content-type'] ?? ''}\n${dateLine}\n${amz}${resource(target)}`;
}

export function v2Signature(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}

/** A presigned SigV2 URL (AWSAccessKeyId, Expires, Signature) valid until `expires` (epoch seconds). */
export function presignV2(endpoint: string, credentials: Credentials, target: V2Target, expires: number): string {
  const signature = v2Signature(credentials.secret, v2StringToSign(target, String(expires)));
  const auth = `AWSAccessKeyId=${encodeURIComponent(credentials.access)}&Expires=${expires}&Signature=${encodeURIComponent(signature)}`;
  return `${endpoint}${target.path}?${target.query ? `${target.query}&` : ''}${auth}`;
}

/** A request signed in the 'Authorization: AWS key:signature' header form, dated `date` (default now). */
export function sendV2(
  port: number,
  credentials: Credentials,
  target: V2Target & { body?: string; host?: string; date?: Date },
): Promise<RawResponse> {
  const body = Buffer.from(target.body ?? '');
  const headers: Record<string, string> = { date: (target.date ?? new Date()).toUTCString(), ...target.headers };
  if (body.length > 0 || target.method === 'PUT' || target.method === 'POST') headers['content-length'] = String(body.length);
  const dateLine = Object.keys(headers).some((n) => n.toLowerCase() === 'x-amz-date') ? '' : headers.date;
  const signature = v2Signature(credentials.secret, v2StringToSign({ ...target, headers }, dateLine));
  return sendRaw(port, {
    method: target.method,
    target: target.query ? `${target.path}?${target.query}` : target.path,
    headers: { host: target.host ?? `127.0.0.1:${port}`, ...headers, authorization: `AWS ${credentials.access}:${signature}` },
    body,
  });
}
