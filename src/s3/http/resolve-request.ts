import type { FastifyRequest } from 'fastify';
import type { S3RequestState } from '../../request/request-state';
import { resolveOperation } from './operation-resolver';
import { parseRequestTarget } from './parse-request-target';
import { virtualHostBucket } from './virtual-host';

/**
 * Works out what an S3 request names (resource, query) and which operation it asks for, once per
 * request: whoever needs it first (tracing, then authentication) triggers it, later callers reuse it.
 * With `virtualDomain` (--virtual-domain), a Host under it names the bucket.
 */
export function resolveS3Request(request: FastifyRequest, virtualDomain?: string): Required<Pick<S3RequestState, 'target' | 'operation'>> & S3RequestState {
  const state = request.s3;
  if (state.target === undefined || state.operation === undefined) {
    const hostBucket = virtualDomain === undefined ? undefined : virtualHostBucket(request.headers.host, virtualDomain);
    const target = parseRequestTarget(request.raw.url ?? '/', hostBucket);
    state.target = target;
    state.operation = resolveOperation(request.method, target.resource, target.query, request.headers);
  }
  return state as Required<Pick<S3RequestState, 'target' | 'operation'>> & S3RequestState;
}

/**
 * Resolves the request when it can, before its root span is named after the operation. A request
 * that names nothing valid is left unresolved here: admission tries again, inside the span, and
 * the error it raises then is recorded on that span.
 */
export function resolveS3RequestIfValid(request: FastifyRequest, virtualDomain?: string): void {
  try {
    resolveS3Request(request, virtualDomain);
  } catch {
    // Raised again by admission.
  }
}
