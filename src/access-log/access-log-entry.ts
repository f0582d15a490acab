import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { OperationRecord } from '../journal/history/operation-record';
import type { AuthMethod } from '../s3/auth/auth.types';

/**
 * What one access log line needs beyond the history row, taken from the request when its response
 * closes: references and primitives only, so the request itself is not kept alive until the next
 * batch, and nothing is formatted on the request path.
 */
export interface AccessLogEntry {
  readonly record: OperationRecord;
  readonly method: string;
  /** The request target as the client sent it (still percent-encoded). */
  readonly url: string;
  readonly httpVersion: string;
  readonly host: string | undefined;
  readonly referer: string | undefined;
  readonly authMethod: AuthMethod | undefined;
  readonly versionId: string | null;
  readonly tls: { readonly cipher: string; readonly version: string } | undefined;
}

export function accessLogEntryOf(record: OperationRecord, request: FastifyRequest): AccessLogEntry {
  const raw = request.raw;
  const state = request.s3;
  const socket = raw.socket as TLSSocket | null;
  return {
    record,
    method: request.method,
    url: raw.url ?? '/',
    httpVersion: raw.httpVersion,
    host: request.headers.host,
    referer: request.headers.referer,
    authMethod: state?.auth?.method,
    versionId: state?.target?.query?.get('versionId') ?? null,
    tls: socket?.encrypted ? tlsOf(socket) : undefined,
  };
}

function tlsOf(socket: TLSSocket): AccessLogEntry['tls'] {
  const cipher = socket.getCipher?.();
  const version = socket.getProtocol?.();
  return cipher && version ? { cipher: cipher.standardName ?? cipher.name, version } : undefined;
}
