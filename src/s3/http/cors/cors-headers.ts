import type { FastifyReply } from 'fastify';
import type { CorsAllowance } from '../../../cors/cors-policy';

/** What a CORS answer depends on, for caches between the browser and the gateway (AWS's value). */
export const CORS_VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';

/** The Access-Control-* headers of a preflight's or an actual request's answer. */
export function writeCorsHeaders(reply: FastifyReply, allowance: CorsAllowance): void {
  reply.header('access-control-allow-origin', allowance.allowOrigin);
  reply.header('access-control-allow-methods', allowance.allowMethods);
  if (allowance.allowCredentials) reply.header('access-control-allow-credentials', 'true');
  if (allowance.allowHeaders !== undefined) reply.header('access-control-allow-headers', allowance.allowHeaders);
  if (allowance.exposeHeaders !== undefined) reply.header('access-control-expose-headers', allowance.exposeHeaders);
  if (allowance.maxAgeSeconds !== undefined) reply.header('access-control-max-age', String(allowance.maxAgeSeconds));
}
