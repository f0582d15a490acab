import type { Account } from '../../iam/account';
import type { RequestQuery } from '../../request/request-query';
import { S3Error, invalidArgument } from '../errors/s3-error';
import { missingDate, signatureMismatch } from './auth-errors';
import type { AccountLookup } from './auth.types';
import { type HeaderMap, singleHeader } from './header-map';
import { type RequestTime, checkClockSkew, formatAmzDate, parseAmzDate } from './request-time';
import { signaturesEqual } from './sigv4-crypto';
import { type SigV2Request, sigV2Sign, sigV2StringToSign } from './sigv2-string-to-sign';

/** The scheme of a SigV2 Authorization header: 'AWS AKID:signature'. */
const V2_SCHEME = 'AWS ';

/** Query parameters of a SigV2 presigned URL. */
export const Q_V2_ACCESS_KEY = 'AWSAccessKeyId';
export const Q_V2_SIGNATURE = 'Signature';
export const Q_V2_EXPIRES = 'Expires';

/** One test of the header: every other scheme, SigV4's included, differs by its fourth character already. */
export function isSigV2Authorization(authorization: string): boolean {
  return authorization.startsWith(V2_SCHEME);
}

/** A SigV2 presigned URL carries AWSAccessKeyId or Signature (either alone is refused as incomplete). */
export function isSigV2Query(query: RequestQuery): boolean {
  return query.has(Q_V2_ACCESS_KEY) || query.has(Q_V2_SIGNATURE);
}

/** What SigV2 verification reads of a request. */
export interface SigV2Input {
  method: string;
  rawPath: string;
  rawQuery: string;
  hostBucket?: string;
  headers: HeaderMap;
  query: RequestQuery;
  lookup: AccountLookup;
  now: Date;
}

/** 'AWS AKID:signature' → its two parts, with AWS's wording when the header has another shape. */
function parseV2Authorization(authorization: string): { accessKey: string; signature: string } {
  const value = authorization.slice(V2_SCHEME.length);
  const colon = value.lastIndexOf(':');
  if (colon <= 0 || colon === value.length - 1) {
    throw invalidArgument('AWS authorization header is invalid.  Expected AwsAccessKeyId:signature', 'Authorization', authorization);
  }
  return { accessKey: value.slice(0, colon), signature: value.slice(colon + 1) };
}

/** x-amz-date (RFC 1123 as the SigV2 signers send it, or ISO 8601 basic) wins over Date. */
function v2RequestTime(headers: HeaderMap): RequestTime & { dateLine: string } {
  const amz = singleHeader(headers, 'x-amz-date');
  const raw = amz ?? singleHeader(headers, 'date');
  if (raw === undefined) throw missingDate();
  const time = parseAmzDate(raw) ?? httpDate(raw);
  if (time === undefined) throw missingDate();
  // With x-amz-date, AWS signs an empty Date line and the header among the x-amz-* ones.
  return { amzDate: formatAmzDate(time), time, raw, dateLine: amz === undefined ? raw : '' };
}

function httpDate(value: string): Date | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function accountOf(lookup: AccountLookup, accessKey: string): Account {
  const account = lookup(accessKey);
  if (!account) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: accessKey });
  return account;
}

function verify(account: Account, request: SigV2Request, provided: string): void {
  const stringToSign = sigV2StringToSign(request);
  if (!signaturesEqual(sigV2Sign(account.secret, stringToSign), provided)) {
    throw signatureMismatch({ accessKey: account.access, signatureProvided: provided, stringToSign });
  }
}

/** The 'Authorization: AWS AKID:signature' form: a Date or x-amz-date within 15 minutes of the clock. */
export function authenticateV2Header(input: SigV2Input, authorization: string): Account {
  const { accessKey, signature } = parseV2Authorization(authorization);
  const time = v2RequestTime(input.headers);
  const account = accountOf(input.lookup, accessKey);
  checkClockSkew(time, input.now);
  verify(account, { ...input, dateLine: time.dateLine }, signature);
  return account;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The presigned form (AWSAccessKeyId, Expires in epoch seconds, Signature): good until Expires. */
export function authenticateV2Query(input: SigV2Input): Account {
  const { query } = input;
  const accessKey = query.get(Q_V2_ACCESS_KEY);
  const signature = query.get(Q_V2_SIGNATURE);
  const expires = query.get(Q_V2_EXPIRES);
  if (!accessKey || !signature || !expires) {
    throw new S3Error('AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  }
  if (!/^\d{1,15}$/.test(expires)) throw new S3Error('AccessDenied', `Invalid date (should be seconds since epoch): ${expires}`);
  const expiresAt = new Date(Number(expires) * 1000);
  if (input.now.getTime() > expiresAt.getTime()) {
    throw new S3Error('AccessDenied', 'Request has expired', { Expires: isoSeconds(expiresAt), ServerTime: isoSeconds(input.now) });
  }
  const account = accountOf(input.lookup, accessKey);
  verify(account, { ...input, dateLine: expires }, signature);
  return account;
}
