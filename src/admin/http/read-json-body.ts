import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AdminError } from '../admin-error';

/** Admin documents are a few hundred bytes; this bounds what a client can make the gateway hold. */
export const MAX_ADMIN_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON object from the (already signature-verifying) body stream: the stream errors with
 * the S3 error when the payload does not match its signed hash, and that error is what the client gets.
 */
export async function readJsonBody(body: Readable, limit = MAX_ADMIN_BODY_BYTES): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Not destroyed on a throw: destroying the request would cut the socket before the 413 goes out.
  for await (const chunk of body.iterator({ destroyOnReturn: false })) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += data.length;
    if (size > limit) {
      throw new AdminError('RequestBodyTooLarge', `the request body is larger than ${limit} bytes`);
    }
    chunks.push(data);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new AdminError('MalformedJSON', `the request body is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AdminError('MalformedJSON', 'the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** The JSON body of an admin request, read from the payload stream its authentication verifies. */
export function readRequestJson(request: FastifyRequest): Promise<Record<string, unknown>> {
  const auth = request.s3.auth;
  if (!auth) throw new Error('admin request reached its handler unauthenticated');
  return readJsonBody(auth.body);
}
