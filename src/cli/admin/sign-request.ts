import {
  buildCanonicalRequest,
  buildStringToSign,
  canonicalHeaders,
  canonicalQueryString,
  canonicalUri,
  credentialScope,
} from '../../s3/auth/canonical-request';
import { parseQuery } from '../../request/request-query';
import { formatAmzDate } from '../../s3/auth/request-time';
import { deriveSigningKey, sha256Hex, signHex } from '../../s3/auth/sigv4-crypto';
import { SIGV4_ALGORITHM } from '../../s3/auth/sigv4.constants';

export interface SigningCredentials {
  access: string;
  secret: string;
  region: string;
}

export interface RequestToSign {
  method: string;
  url: URL;
  /** Headers besides host, x-amz-date and x-amz-content-sha256, which the signer sets. */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * SigV4 header signing (service s3, payload hash signed) built from the very canonicalisation the
 * gateway verifies with, so the CLI and the server cannot disagree about what a request means.
 * Returns every header to send, Authorization included.
 */
export function signRequest(request: RequestToSign, credentials: SigningCredentials, now: Date = new Date()): Record<string, string> {
  const amzDate = formatAmzDate(now);
  const date = amzDate.slice(0, 8);
  const payloadHash = sha256Hex(request.body);
  const headers: Record<string, string> = {
    ...lowerCased(request.headers),
    host: request.url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payloadHash,
  };
  const names = Object.keys(headers).sort();
  const scope = credentialScope(date, credentials.region);
  const canonicalRequest = buildCanonicalRequest({
    method: request.method,
    canonicalUri: canonicalUri(request.url.pathname),
    canonicalQuery: canonicalQueryString(parseQuery(request.url.search.slice(1)).params),
    canonicalHeaders: canonicalHeaders(new Map(names.map((name) => [name, [headers[name]]])), names),
    signedHeaders: names.join(';'),
    payloadHash,
  });
  const signature = signHex(deriveSigningKey(credentials.secret, date, credentials.region), buildStringToSign(amzDate, scope, canonicalRequest));
  headers.authorization = `${SIGV4_ALGORITHM} Credential=${credentials.access}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
