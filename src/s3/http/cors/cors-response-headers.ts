import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BucketCorsConfigurations } from '../../../cors/bucket-cors';
import type { CorsPolicy } from '../../../cors/cors-policy';
import { BUCKET_CORS } from '../../../cors/cors.tokens';
import { headerValue } from '../headers/header-value';
import { CORS_VARY, writeCorsHeaders } from './cors-headers';

/**
 * The Access-Control-* headers (and Vary) of an actual request's answer, errors included, from the
 * bucket's CORS rules: set on the reply before the request is admitted, so whatever answers it
 * carries them. Called only for requests that carry an Origin (the controller looks first): the
 * others pay nothing. A bucket read recently is answered without waiting.
 */
@Injectable()
export class CorsResponseHeaders {
  constructor(@Inject(BUCKET_CORS) private readonly cors: BucketCorsConfigurations) {}

  /** Undefined when done at once; a promise when the bucket's configuration had to be read first. */
  apply(request: FastifyRequest, reply: FastifyReply): Promise<void> | undefined {
    const { target, operation } = request.s3;
    const resource = target?.resource;
    // No bucket, no rules; a preflight writes its own answer.
    if (resource === undefined || resource.level === 'service' || operation === 'PreflightRequest') return undefined;
    const origin = headerValue(request.headers, 'origin');
    if (!origin) return undefined;
    const cached = this.cors.peek(resource.bucket);
    if (cached) {
      writeFor(reply, cached.policy, origin, request.method);
      return undefined;
    }
    return this.cors.policy(resource.bucket).then((policy) => writeFor(reply, policy, origin, request.method));
  }
}

function writeFor(reply: FastifyReply, policy: CorsPolicy | undefined, origin: string, method: string): void {
  if (!policy) return;
  // The answer depends on the Origin whenever the bucket has rules, matched or not.
  reply.header('vary', CORS_VARY);
  const allowance = policy.forRequest(origin, method);
  if (allowance) writeCorsHeaders(reply, allowance);
}
