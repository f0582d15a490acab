import type { FastifyReply, FastifyRequest } from 'fastify';
import type { S3Command } from '../../../operations/s3-command';
import type { RequestContext } from '../../../request/request-context';
import type { S3Operation } from '../../s3-operations';
import type { AuthResult } from '../../auth/auth.types';
import { S3Error } from '../../errors/s3-error';
import type { RequestTarget } from '../../../request/request-target';

/** One S3 request, parsed, authenticated and access-checked: what a route turns into a command. */
export interface S3HttpRequest {
  request: FastifyRequest;
  target: RequestTarget;
  auth: AuthResult;
  context: RequestContext;
}

/**
 * How one operation crosses HTTP: request → command, result → response. No storage logic here:
 * the command's handler decides, the route only translates.
 */
export interface S3Route<TResult> {
  readonly operation: S3Operation;
  toCommand(req: S3HttpRequest): S3Command<TResult> | Promise<S3Command<TResult>>;
  send(reply: FastifyReply, result: TResult, req: S3HttpRequest): void | Promise<void>;
}

export function bucketOf({ target }: S3HttpRequest): string {
  const { resource } = target;
  if (resource.level === 'service') throw new S3Error('InvalidRequest', 'This operation needs a bucket');
  return resource.bucket;
}

export function objectOf({ target }: S3HttpRequest): { bucket: string; key: string } {
  const { resource } = target;
  if (resource.level !== 'object') throw new S3Error('InvalidRequest', 'This operation needs an object key');
  return { bucket: resource.bucket, key: resource.key };
}

/** Sends an S3 XML document. */
export function sendXml(reply: FastifyReply, xml: string, status = 200): void {
  reply.status(status).header('content-type', 'application/xml').send(xml);
}

/** Sends a response without a body (204 for deletes, 200 for most writes). */
export function sendEmpty(reply: FastifyReply, status = 200): void {
  reply.status(status).send();
}
