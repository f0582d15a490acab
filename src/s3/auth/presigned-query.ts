import { S3Error } from '../errors/s3-error';
import { MISSING_QUERY_PARAMS, queryAuthError } from './auth-errors';
import { parseSignedHeaders } from './authorization-header';
import type { QueryParam } from './canonical-request';
import { Credential, QUERY_CREDENTIAL_ERRORS, parseCredential } from './credential';
import { parseAmzDate } from './request-time';
import {
  MAX_CLOCK_SKEW_MS,
  MAX_PRESIGNED_EXPIRES_SECONDS,
  Q_ALGORITHM,
  Q_CREDENTIAL,
  Q_DATE,
  Q_EXPIRES,
  Q_SIGNATURE,
  Q_SIGNED_HEADERS,
  SIGV4_ALGORITHM,
} from './sigv4.constants';

export interface ParsedPresigned {
  credential: Credential;
  amzDate: string;
  time: Date;
  expiresSeconds: number;
  signedHeadersRaw: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_PARAMS = [Q_ALGORITHM, Q_CREDENTIAL, Q_SIGNATURE, Q_DATE, Q_SIGNED_HEADERS];

/** Any SigV4 query parameter makes the request a presigned one, to be verified or refused. */
export function isPresignedQuery(params: readonly QueryParam[]): boolean {
  for (let i = 0; i < params.length; i++) if (AUTH_PARAMS.includes(params[i].name)) return true;
  return false;
}

function param(params: readonly QueryParam[], name: string): string | undefined {
  for (let i = 0; i < params.length; i++) if (params[i].name === name) return params[i].value;
  return undefined;
}

function required(params: readonly QueryParam[], name: string): string {
  const value = param(params, name);
  if (value === undefined || value === '') throw queryAuthError(MISSING_QUERY_PARAMS);
  return value;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Validates the query parameters in the order (and with the words) S3 uses. */
export function parsePresignedQuery(params: readonly QueryParam[], region: string, now: Date): ParsedPresigned {
  const algorithm = required(params, Q_ALGORITHM);
  if (algorithm !== SIGV4_ALGORITHM) throw queryAuthError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');

  const credential = parseCredential(required(params, Q_CREDENTIAL), region, QUERY_CREDENTIAL_ERRORS);

  const amzDate = required(params, Q_DATE);
  const time = parseAmzDate(amzDate);
  if (!time) throw queryAuthError('X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"');
  if (amzDate.slice(0, 8) !== credential.date) {
    throw queryAuthError(`Invalid credential date "${credential.date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`);
  }

  const signature = required(params, Q_SIGNATURE);
  const signedHeadersRaw = required(params, Q_SIGNED_HEADERS);
  const signedHeaders = parseSignedHeaders(signedHeadersRaw);
  if (!signedHeaders) throw queryAuthError('Error parsing the X-Amz-SignedHeaders parameter.');

  const expiresRaw = required(params, Q_EXPIRES);
  if (!/^[+-]?\d{1,15}$/.test(expiresRaw)) throw queryAuthError('X-Amz-Expires should be a number');
  const expiresSeconds = Number(expiresRaw);
  if (expiresSeconds < 0) throw queryAuthError('X-Amz-Expires must be non-negative');
  if (expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw queryAuthError(
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }

  const expiresAt = new Date(time.getTime() + expiresSeconds * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    throw new S3Error('AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expiresRaw,
      Expires: isoSeconds(expiresAt),
      ServerTime: isoSeconds(now),
    });
  }
  // A URL dated beyond the allowed skew would otherwise live longer than its X-Amz-Expires.
  if (time.getTime() - now.getTime() > MAX_CLOCK_SKEW_MS) {
    throw new S3Error('AccessDenied', 'Request is not valid yet');
  }

  return { credential, amzDate, time, expiresSeconds, signedHeadersRaw, signedHeaders, signature };
}
