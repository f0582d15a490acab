import { S3Error } from '../../s3/errors/s3-error';
import type { ObjectLock } from '../backend-lock.types';

/** AWS's answer to a change a lock forbids. */
export function objectLocked(): S3Error {
  return new S3Error('AccessDenied', 'Access Denied because object protected by object lock.');
}

/** Lock headers or a version's lock asked of a bucket without object lock (its two wordings, as AWS and VersityGW use them). */
export function missingLockConfiguration(where: 'write' | 'version'): S3Error {
  return new S3Error('InvalidRequest', where === 'write' ? 'Bucket is missing ObjectLockConfiguration' : 'Bucket is missing Object Lock Configuration');
}

/**
 * For a backend whose buckets never have object lock: a write that asks for a lock is refused as
 * AWS refuses it in such a bucket, rather than storing a version its client believes locked.
 */
export function refuseLockedWrite(lock: ObjectLock | undefined): void {
  if (lock !== undefined && (lock.retention !== undefined || lock.legalHold !== undefined)) throw missingLockConfiguration('write');
}
