import type { FastifyReply, FastifyRequest } from 'fastify';
import { newTraceId, nextRequestId } from '../../request/request-ids';
import { newRequestState, type S3RequestState } from '../../request/request-state';

/**
 * Gives a request its ids and the headers every answer carries (x-amz-request-id, X-Trace-ID,
 * Server): the onRequest hook for routed requests, the unparsable-URL answer for the others.
 */
export function stampRequest(request: FastifyRequest, reply: FastifyReply, extra?: Partial<S3RequestState>): void {
  const requestId = nextRequestId();
  const traceId = newTraceId();
  const state = newRequestState(requestId, traceId, process.hrtime.bigint());
  request.s3 = extra === undefined ? state : Object.assign(state, extra);
  reply.header('x-amz-request-id', requestId);
  reply.header('x-trace-id', traceId);
  reply.header('server', 'tracegw');
}
