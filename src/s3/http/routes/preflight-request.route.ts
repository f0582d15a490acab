import type { IncomingHttpHeaders } from 'node:http';
import type { CorsAllowance } from '../../../cors/cors-policy';
import { isCorsMethod, isHeaderName } from '../../../cors/cors-rule';
import { PreflightRequestCommand } from '../../../operations/buckets/preflight-request/preflight-request.command';
import { S3Error } from '../../errors/s3-error';
import { CORS_VARY, writeCorsHeaders } from '../cors/cors-headers';
import { headerValue } from '../headers/header-value';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

/** Access-Control-Request-Headers as a list of names; a name that is no HTTP token is refused, as AWS does. */
function requestedHeaders(headers: IncomingHttpHeaders): string[] {
  const raw = headerValue(headers, 'access-control-request-headers');
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part) => {
    const name = part.trim();
    if (!isHeaderName(name) || name.includes('*')) throw new S3Error('BadRequest', `Access-Control-Request-Headers "${part}" contains invalid character.`);
    return name;
  });
}

export const preflightRequestRoute: S3Route<CorsAllowance> = {
  operation: 'PreflightRequest',
  toCommand(req) {
    const { headers } = req.request;
    const origin = headerValue(headers, 'origin');
    if (!origin) throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.');
    const method = headerValue(headers, 'access-control-request-method') ?? '';
    if (!isCorsMethod(method)) throw new S3Error('BadRequest', `Invalid Access-Control-Request-Method: ${method}`);
    const resourceType = req.target.resource.level === 'object' ? 'OBJECT' : 'BUCKET';
    return new PreflightRequestCommand(req.context, { bucket: bucketOf(req), resourceType, origin, method, requestHeaders: requestedHeaders(headers) });
  },
  send(reply, allowance) {
    writeCorsHeaders(reply, allowance);
    reply.header('vary', CORS_VARY);
    sendEmpty(reply);
  },
};
