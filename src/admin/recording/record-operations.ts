import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperationRecord } from '../../journal/history/operation-record';
import { bytesSentOn } from '../../request/bytes-sent-outside';
import { operationRecordOf } from './operation-record-of';

/**
 * Where rows go: HistoryWriter in the gateway (with the metrics and the access log beside it, see
 * recording-sinks.ts), an array in tests. `request` is the request the row is of, for sinks that
 * need more of it than the row holds.
 */
export interface OperationSink {
  enqueue(record: OperationRecord, request: FastifyRequest): void;
  /** Called as each recorded request arrives (requests in flight are those arrived, not yet closed). */
  arrived?(): void;
}

/** The reply a raw response belongs to, set when the request arrives, read when the response closes. */
const REPLY = Symbol('tracegw.recordedReply');
/** What the socket had carried when its last response closed: where the next response's bytes start. */
const BYTES_BEFORE = Symbol('tracegw.bytesBeforeResponse');

type RecordedResponse = ServerResponse & { [REPLY]?: FastifyReply };
type CountedSocket = Socket & { [BYTES_BEFORE]?: number };

/**
 * What records every request, S3 or admin, success or failure, once its response is over: called
 * for each request as it arrives (by the gateway's one onRequest hook). The raw response's 'close'
 * is the one event that fires for all of them: Fastify's onResponse hook (and Node's
 * response-finish diagnostics channel) skip a response whose client went away in the middle of a
 * streamed body. One listener function serves every request: the request only parks its reply on
 * its raw response, so no closure is made per request.
 */
export function operationRecorder(sink: OperationSink): (reply: FastifyReply) => void {
  const onClose = closeListener(sink);
  // Chosen once: a sink that counts arrivals costs its call, one that does not costs nothing.
  const arrived = sink.arrived?.bind(sink);
  if (arrived === undefined) return (reply) => recordOnClose(reply, onClose);
  return (reply) => {
    arrived();
    recordOnClose(reply, onClose);
  };
}

const logger = new Logger('history');

/**
 * Queues the request's history row once its response is over. For the requests no hook sees (a
 * URL Fastify cannot decode), so that every request is recorded.
 */
export function recordWhenClosed(_request: FastifyRequest, reply: FastifyReply, sink: OperationSink): void {
  sink.arrived?.();
  recordOnClose(reply, closeListener(sink));
}

function recordOnClose(reply: FastifyReply, onClose: (this: RecordedResponse) => void): void {
  const response: RecordedResponse = reply.raw;
  response[REPLY] = reply;
  response.on('close', onClose);
}

function closeListener(sink: OperationSink): (this: RecordedResponse) => void {
  return function recordClosedResponse(this: RecordedResponse): void {
    const reply = this[REPLY];
    if (reply === undefined) return;
    // Recorded once, whatever else listens; and the reply is not kept alive by its response.
    this[REPLY] = undefined;
    // A throw here would be an uncaught exception in an event listener: it would end the process.
    try {
      const socket = reply.request.raw.socket as CountedSocket | null;
      sink.enqueue(operationRecordOf(reply.request, reply, bytesSinceLastResponse(socket)), reply.request);
    } catch (error) {
      logger.error(`request ${reply.request.s3?.requestId ?? '-'} not recorded: ${(error as Error).message}`);
    }
  };
}

/**
 * What the socket carried since its previous response closed (headers included): this
 * response's bytes, read once per response. A keep-alive connection answers its requests one
 * after the other, so the previous close is where this response began; a new connection has
 * sent nothing before its first response.
 */
function bytesSinceLastResponse(socket: CountedSocket | null): number {
  if (!socket) return 0;
  const written = bytesSentOn(socket);
  const before = socket[BYTES_BEFORE] ?? 0;
  socket[BYTES_BEFORE] = written;
  return written - before;
}
