import { S3Error } from '../../../s3/errors/s3-error';
import { corsHandler } from '../cors-handler';
import { PreflightRequestCommand } from './preflight-request.command';

/**
 * Answered from the bucket's rules alone, as AWS answers preflights (browsers never sign them):
 * 403 AccessForbidden when the bucket has no CORS or no rule allows the request.
 */
export const PreflightRequestHandler = corsHandler(PreflightRequestCommand, async (cors, { input }) => {
  const policy = await cors.policy(input.bucket);
  // AWS names the bucket as the resource whatever was asked, when the bucket has no CORS at all.
  if (!policy) throw new S3Error('AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.', { Method: 'OPTIONS', ResourceType: 'BUCKET' });
  const allowance = policy.preflight(input.origin, input.method, input.requestHeaders);
  if (!allowance) throw new S3Error('AccessForbidden', undefined, { Method: 'OPTIONS', ResourceType: input.resourceType });
  return allowance;
});
