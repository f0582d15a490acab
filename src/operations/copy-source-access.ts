import type { Backend } from '../backends/backend';
import type { Account } from '../iam/account';
import { S3Error } from '../s3/errors/s3-error';

/**
 * The admission check covered the destination bucket only; a copy's source must be readable too,
 * by the same rule (an admin, or the owner of the bucket). A missing source bucket is NoSuchBucket.
 */
export async function assertSourceReadable(backend: Backend, bucket: string, account: Account | undefined): Promise<void> {
  const source = await backend.headBucket({ bucket });
  if (account?.role === 'admin') return;
  if (account === undefined || source.owner !== account.access) throw new S3Error('AccessDenied');
}
