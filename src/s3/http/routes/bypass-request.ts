import type { WithBypassRequest } from '../../../operations/objects/governance-bypass';
import { accessRequestOf } from '../access-request-of';
import { readBypassGovernance } from '../headers/object-lock-headers';
import type { S3Operation } from '../../s3-operations';
import type { S3HttpRequest } from './s3-route';

/** The request as the access check sees it, when it asks to bypass a GOVERNANCE retention; nothing otherwise. */
export function bypassRequestOf(req: S3HttpRequest, operation: S3Operation): WithBypassRequest {
  if (!readBypassGovernance(req.request.headers)) return {};
  return { bypassRequest: accessRequestOf(req.request, operation, req.target, req.auth) };
}
