import { invalidArgument } from '../errors/s3-error';
import { malformedAuthorization } from './auth-errors';
import { Credential, HEADER_CREDENTIAL_ERRORS, parseCredential } from './credential';
import { SIGV4_ALGORITHM } from './sigv4.constants';

export interface ParsedAuthorization {
  credential: Credential;
  /** SignedHeaders exactly as sent: it is part of the canonical request verbatim. */
  signedHeadersRaw: string;
  signedHeaders: string[];
  signature: string;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses 'AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…' strictly: exactly those
 * three components, each once, in any order (AWS accepts any order).
 */
export function parseAuthorizationHeader(value: string, region: string): ParsedAuthorization {
  const space = value.indexOf(' ');
  if (space <= 0) {
    throw invalidArgument("Authorization header is invalid -- one and only one ' ' (space) required.", 'Authorization', value);
  }
  const scheme = value.slice(0, space);
  if (scheme !== SIGV4_ALGORITHM) {
    throw invalidArgument('Unsupported Authorization Type', 'Authorization', value);
  }

  const fields = new Map<string, string>();
  for (const rawComponent of value.slice(space + 1).split(',')) {
    const component = rawComponent.trim();
    const eq = component.indexOf('=');
    if (eq <= 0) throw malformedAuthorization(`the authorization component "${component}" is malformed.`);
    const key = component.slice(0, eq);
    if ((key !== 'Credential' && key !== 'SignedHeaders' && key !== 'Signature') || fields.has(key)) {
      throw malformedAuthorization(`the authorization component "${component}" is malformed.`);
    }
    fields.set(key, component.slice(eq + 1));
  }
  const credentialValue = fields.get('Credential');
  const signedHeadersRaw = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credentialValue === undefined || signedHeadersRaw === undefined || signature === undefined) {
    throw malformedAuthorization('the authorization header requires three components: Credential, SignedHeaders, and Signature.');
  }

  const credential = parseCredential(credentialValue, region, HEADER_CREDENTIAL_ERRORS);
  const signedHeaders = parseSignedHeaders(signedHeadersRaw);
  if (!signedHeaders) throw malformedAuthorization(`the authorization component "SignedHeaders=${signedHeadersRaw}" is malformed.`);
  return { credential, signedHeadersRaw, signedHeaders, signature };
}

/** ';'-separated header names; undefined when any name is empty or not a valid token. */
export function parseSignedHeaders(raw: string): string[] | undefined {
  const names = raw.split(';');
  return names.every((n) => HEADER_NAME.test(n)) ? names : undefined;
}
