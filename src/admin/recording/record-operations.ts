import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationRecord } from '../../journal/history/operation-record';
import { operationRecordOf } from './operation-record-of';

/** Where rows go: HistoryWriter in the gateway, an array in tests. */
export interface OperationSink {
  enqueue(record: OperationRecord): void;
}

/**
 * Records every request, S3 or admin, success or failure, once its response is over. The raw
 * response's 'close' is the one event that fires for all of them: Fastify's onResponse hook is
 * skipped when the client goes away in the middle of a streamed body.
 */
export function recordOperations(fastify: FastifyInstance, sink: OperationSink): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    recordWhenClosed(request, reply, sink);
    done();
  });
}

const logger = new Logger('history');

/**
 * Queues the request's history row once its response is over. Also called for the requests no
 * hook sees (a URL Fastify cannot decode), so that every request is recorded.
 */
export function recordWhenClosed(request: FastifyRequest, reply: FastifyReply, sink: OperationSink): void {
  const socket = request.raw.socket;
  const bytesBefore = socket.bytesWritten;
  reply.raw.once('close', () => {
    // A throw here would be an uncaught exception in an event listener: it would end the process.
    try {
      sink.enqueue(operationRecordOf(request, reply, socket.bytesWritten - bytesBefore));
    } catch (error) {
      logger.error(`request ${request.s3?.requestId ?? '-'} not recorded: ${(error as Error).message}`);
    }
  });
}
