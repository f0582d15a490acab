import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../../errors/s3-error';

const LOCK_HEADERS = ['x-amz-object-lock-mode', 'x-amz-object-lock-retain-until-date', 'x-amz-object-lock-legal-hold'] as const;

/**
 * x-amz-object-lock-* on PutObject, CopyObject and CreateMultipartUpload ask for a version that
 * cannot be deleted: tracegw does not enforce retention or legal holds yet, so it refuses them
 * rather than store a version the client believes locked.
 */
export function refuseObjectLockHeaders(headers: IncomingHttpHeaders): void {
  const asked = LOCK_HEADERS.find((name) => headers[name] !== undefined);
  if (asked !== undefined) throw new S3Error('NotImplemented', `${asked} is not implemented by tracegw: object retention and legal holds are not enforced yet.`);
}
