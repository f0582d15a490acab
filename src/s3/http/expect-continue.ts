import type { Server } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Node's own test for a 100-continue expectation (lib/_http_server.js). */
const CONTINUE_EXPECTATION = /(?:^|\W)100-continue(?:$|\W)/i;

/**
 * Hands requests that carry an Expect header to the gateway like any other. Without these
 * listeners Node answers `Expect: 100-continue` with 100 Continue before anything is checked (so
 * a refused upload still sends its whole body) and any other expectation with 417, which S3 never
 * answers: it ignores the values it does not know. The 100 is sent by `continueAfterAdmission`.
 */
export function leaveExpectationsToTheGateway(server: Server): void {
  server.on('checkContinue', (request, response) => server.emit('request', request, response));
  server.on('checkExpectation', (request, response) => server.emit('request', request, response));
}

/**
 * Tells a client waiting with `Expect: 100-continue` to send its body, once the request is
 * authenticated and allowed. A refused request never gets here: its error is the final answer and
 * the body is never sent.
 */
export function continueAfterAdmission(request: FastifyRequest, reply: FastifyReply): void {
  const expect = request.headers.expect;
  if (expect !== undefined && CONTINUE_EXPECTATION.test(expect) && !reply.raw.headersSent) reply.raw.writeContinue();
}
