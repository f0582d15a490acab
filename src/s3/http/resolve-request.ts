import type { FastifyRequest } from 'fastify';
import { resolveOperation } from './operation-resolver';
import { parseRequestTarget } from './request-target';
import type { S3RequestState } from './request-state';

/**
 * Works out what an S3 request names (resource, query) and which operation it asks for, once per
 * request: whoever needs it first (tracing, then authentication) triggers it, later callers reuse it.
 */
export function resolveS3Request(request: FastifyRequest): Required<Pick<S3RequestState, 'target' | 'operation'>> & S3RequestState {
  const state = request.s3;
  if (state.target === undefined || state.operation === undefined) {
    const target = parseRequestTarget(request.raw.url ?? '/');
    state.target = target;
    state.operation = resolveOperation(request.method, target.resource, target.query, request.headers);
  }
  return state as Required<Pick<S3RequestState, 'target' | 'operation'>> & S3RequestState;
}
