import type { IncomingHttpHeaders } from 'node:http';
import type { WriteConditions } from '../../../backends/backend';
import { S3Error } from '../../errors/s3-error';
import { headerValue } from './header-value';

/**
 * If-None-Match and If-Match on a write (PutObject, CompleteMultipartUpload). S3 takes only `*`
 * in If-None-Match there; anything else is functionality it does not implement.
 */
export function readWriteConditions(headers: IncomingHttpHeaders): WriteConditions | undefined {
  const ifNoneMatch = headerValue(headers, 'if-none-match');
  const ifMatch = headerValue(headers, 'if-match');
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
    throw new S3Error('NotImplemented', undefined, { Header: 'If-None-Match', additionalMessage: 'We don\'t accept the provided value of If-None-Match header for this API' });
  }
  return { ...(ifNoneMatch !== undefined ? { ifNoneMatch: true as const } : {}), ...(ifMatch !== undefined ? { ifMatch } : {}) };
}
