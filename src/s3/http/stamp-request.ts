import type { FastifyReply, FastifyRequest } from 'fastify';
import { newTraceId, nextRequestId } from '../../request/request-ids';
import type { S3RequestState } from '../../request/request-state';

/**
 * Gives a request its ids and the headers every answer carries (x-amz-request-id, X-Trace-ID,
 * Server): the onRequest hook for routed requests, the unparsable-URL answer for the others.
 */
export function stampRequest(request: FastifyRequest, reply: FastifyReply, extra: Partial<S3RequestState> = {}): void {
  const requestId = nextRequestId();
  const traceId = newTraceId();
  request.s3 = { requestId, traceId, startedAt: process.hrtime.bigint(), ...extra };
  reply.header('x-amz-request-id', requestId);
  reply.header('x-trace-id', traceId);
  reply.header('server', 'tracegw');
}
