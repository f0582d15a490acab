import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * --health PATH (VersityGW's): a load balancer's probe, answered before any S3 routing, signature
 * or history row: 200 while the gateway serves, 503 once it has begun to drain, so the balancer
 * stops sending it requests while those in flight finish. Fastify's own return503OnClosing answers
 * 503 to anything that arrives on an open connection after the server has begun to close; this
 * flag covers the moment before, while other listeners close first.
 */
export class HealthPath {
  private draining = false;

  constructor(readonly path: string) {}

  /** From here on the probe answers 503. */
  drain(): void {
    this.draining = true;
  }

  /**
   * True when it answered the request (the onRequest hook then stops there). One string
   * comparison for every other request: the raw URL against the path.
   */
  answer(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.raw.url !== this.path) return false;
    const method = request.method;
    // Another method on the path is an S3 request to the bucket of that name.
    if (method !== 'GET' && method !== 'HEAD') return false;
    reply
      .code(this.draining ? 503 : 200)
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('server', 'tracegw')
      .send(this.draining ? 'draining' : 'OK');
    return true;
  }
}
