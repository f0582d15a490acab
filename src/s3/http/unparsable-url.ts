import type { FastifyReply, FastifyRequest } from 'fastify';
import { S3Error } from '../errors/s3-error';
import { stampRequest } from './stamp-request';
import { errorXml } from './xml/error-xml';

/**
 * Fastify's answer to a URL it cannot decode (`/bucket/%ZZ`): routing, hooks and Nest never see
 * such a request, so without this the client would get Fastify's JSON instead of S3's
 * InvalidURI, and no request id. `beforeAnswer` runs once the request carries its state (the
 * gateway records it in the operation history there, as the hooks would have).
 */
export function answerUnparsableUrl(request: FastifyRequest, reply: FastifyReply, beforeAnswer?: () => void): void {
  stampRequest(request, reply, { errorCode: 'InvalidURI' });
  beforeAnswer?.();
  reply
    .status(400)
    .header('content-type', 'application/xml')
    .header('connection', 'close')
    .send(errorXml(new S3Error('InvalidURI'), { resource: request.raw.url?.split('?')[0] ?? '/', requestId: request.s3.requestId }));
}
