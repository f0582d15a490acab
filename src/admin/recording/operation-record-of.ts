import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperationRecord } from '../../journal/history/operation-record';
import type { S3RequestState } from '../../request/request-state';

/** Long enough for any real client's user agent, short enough that a hostile one cannot bloat the journal. */
const MAX_USER_AGENT = 256;
const CREDENTIAL_IN_HEADER = /Credential=([^/,\s]+)\//;
const CREDENTIAL_IN_QUERY = /[?&]X-Amz-Credential=([^/&%]+)(?:\/|%2F)/i;

/**
 * The history row of a request whose response has gone out (or whose connection closed), from
 * what the layers left on `request.s3`. Runs once per request on the event loop: only property
 * reads, no I/O.
 */
export function operationRecordOf(request: FastifyRequest, reply: FastifyReply, socketBytesOut: number): OperationRecord {
  const state = request.s3 as S3RequestState | undefined;
  const durationMs = state ? Number(process.hrtime.bigint() - state.startedAt) / 1e6 : 0;
  const resource = state?.target?.resource;
  const query = state?.target?.query;
  const account = state?.auth?.account;
  const timings = state?.context?.timings;
  const headers = request.headers;
  const completed = reply.raw.writableFinished;
  return {
    traceId: state?.traceId ?? '',
    requestId: state?.requestId ?? '',
    operation: state?.adminOperation ?? state?.operation ?? null,
    bucket: resource !== undefined && resource.level !== 'service' ? resource.bucket : null,
    key: resource?.level === 'object' ? resource.key : null,
    uploadId: query?.get('uploadId') ?? null,
    partNumber: partNumberOf(query?.get('partNumber')),
    accessKey: account?.access ?? claimedAccessKey(headers, request.raw.url) ?? null,
    role: account?.role ?? null,
    clientAddress: request.ip ?? null,
    userAgent: userAgentOf(headers['user-agent']),
    httpStatus: reply.statusCode,
    errorCode: state?.errorCode ?? null,
    bytesIn: state?.auth?.contentLength ?? lengthOf(headers['content-length']),
    bytesOut: bytesOutOf(request.method, reply, completed, socketBytesOut),
    startedAt: Math.round(Date.now() - durationMs),
    durationMs,
    authMs: timings?.authMs ?? null,
    backendMs: timings?.backendMs ?? null,
    completed,
  };
}

/**
 * The body bytes of a complete response are its Content-Length (none for HEAD, 204 and 304).
 * A response cut short, or one sent without a length, is measured on the socket instead, which
 * counts its header too: the closest figure Node gives for "what went out".
 */
function bytesOutOf(method: string, reply: FastifyReply, completed: boolean, socketBytesOut: number): number {
  const status = reply.statusCode;
  if (method === 'HEAD' || status === 204 || status === 304) return 0;
  if (completed) {
    const length = reply.getHeader('content-length');
    if (length !== undefined) return lengthOf(length);
  }
  return Math.max(0, socketBytesOut);
}

function lengthOf(value: string | number | string[] | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  const length = Number(value);
  return Number.isSafeInteger(length) && length >= 0 ? length : 0;
}

function partNumberOf(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !/^\d{1,5}$/.test(value)) return null;
  return Number(value);
}

function userAgentOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  return value.length > MAX_USER_AGENT ? value.slice(0, MAX_USER_AGENT) : value;
}

/**
 * Who the request claimed to be when authentication did not get as far as an account (bad
 * signature, unknown key): an admin looking for misuse of a key wants those attempts too.
 */
function claimedAccessKey(headers: IncomingHttpHeaders, rawUrl: string | undefined): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') return CREDENTIAL_IN_HEADER.exec(authorization)?.[1];
  if (rawUrl !== undefined && rawUrl.includes('redential=')) return CREDENTIAL_IN_QUERY.exec(rawUrl)?.[1];
  return undefined;
}
