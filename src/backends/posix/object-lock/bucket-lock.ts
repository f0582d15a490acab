import { S3Error } from '../../../s3/errors/s3-error';
import type { ObjectLockConfiguration, ObjectLockMode } from '../../backend.types';
import type { NativeFs } from '../native.types';

/** VersityGW's attribute of a bucket's object lock configuration (backend/posix/posix.go's bucketLockKey). */
export const BUCKET_LOCK_XATTR = 'user.bucket-lock';

/**
 * VersityGW's auth.BucketLockConfig as Go's encoding/json writes it: field names as declared, the
 * default retention as AWS SDK's types.DefaultRetention (Days, Mode, Years; null when unset).
 */
interface StoredBucketLock {
  Enabled: boolean;
  DefaultRetention: { Days: number | null; Mode: ObjectLockMode; Years: number | null } | null;
  CreatedAt: string | null;
}

export function encodeBucketLock(config: ObjectLockConfiguration, now = new Date()): Buffer {
  const retention = config.defaultRetention;
  const stored: StoredBucketLock = {
    Enabled: config.enabled,
    DefaultRetention: retention === undefined ? null : { Days: retention.days ?? null, Mode: retention.mode, Years: retention.years ?? null },
    CreatedAt: now.toISOString(),
  };
  return Buffer.from(JSON.stringify(stored));
}

export function decodeBucketLock(raw: Buffer): ObjectLockConfiguration {
  let stored: Partial<StoredBucketLock>;
  try {
    stored = JSON.parse(raw.toString('utf8')) as Partial<StoredBucketLock>;
  } catch (err) {
    throw new S3Error('InternalError', undefined, {}, { cause: err });
  }
  const config: ObjectLockConfiguration = { enabled: stored.Enabled === true };
  const retention = stored.DefaultRetention;
  if (retention && (retention.Mode === 'GOVERNANCE' || retention.Mode === 'COMPLIANCE')) {
    config.defaultRetention = {
      mode: retention.Mode,
      ...(typeof retention.Days === 'number' ? { days: retention.Days } : {}),
      ...(typeof retention.Years === 'number' ? { years: retention.Years } : {}),
    };
  }
  return config;
}

/** The bucket's configuration; undefined when object lock was never set on it. */
export async function readBucketLock(native: NativeFs, bucketDir: string): Promise<ObjectLockConfiguration | undefined> {
  const raw = await native.getXattr(bucketDir, BUCKET_LOCK_XATTR);
  return raw === undefined ? undefined : decodeBucketLock(raw);
}

export function writeBucketLock(native: NativeFs, bucketDir: string, config: ObjectLockConfiguration): Promise<void> {
  return native.setXattr(bucketDir, BUCKET_LOCK_XATTR, encodeBucketLock(config));
}
