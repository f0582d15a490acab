import type { AccessRequest } from '../../s3/access/access-request';
import type { AccessCheck } from '../../s3/access/access-check';

/**
 * A request that sent x-amz-bypass-governance-retention: true, as the access check sees it (the
 * object it names as its resource). Absent: the request did not ask.
 */
export interface WithBypassRequest {
  bypassRequest?: AccessRequest;
}

/** Whether the bypass a request asked for is honoured: only for a caller allowed it (AccessCheck.mayBypassGovernance). */
export async function governanceBypassOf(access: AccessCheck, request: AccessRequest | undefined): Promise<boolean> {
  return request !== undefined && (await access.mayBypassGovernance(request));
}
