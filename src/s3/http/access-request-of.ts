import type { FastifyRequest } from 'fastify';
import type { RequestTarget } from '../../request/request-target';
import type { AccessRequest } from '../access/access-request';
import type { AuthResult } from '../auth/auth.types';
import type { S3Operation } from '../s3-operations';

/** The facts of an HTTP request the access check (and a policy's conditions) may ask about. */
export function accessRequestOf(request: FastifyRequest, operation: S3Operation, target: RequestTarget, auth: AuthResult): AccessRequest {
  return {
    operation,
    resource: target.resource,
    account: auth.account,
    authMethod: auth.method,
    sourceIp: request.ip,
    secureTransport: request.protocol === 'https',
    headers: request.headers,
    query: target.query,
  };
}
