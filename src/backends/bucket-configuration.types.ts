import type { BucketAccessConfig } from './backend-access.types';
import type { ObjectLockConfiguration } from './backend.types';

/** A bucket's versioning state as stored; undefined where it was never set. */
export type StoredVersioningStatus = 'Enabled' | 'Suspended' | undefined;

/**
 * What requests consult of a bucket, whatever their operation: who may do what (access), how a
 * browser may call it (CORS), whether writes keep older versions and lock them. Read together, in one pass
 * where the backend can, and cached together (BackendBase.bucketConfiguration): one lifetime and
 * one invalidation for all of them.
 */
export interface BucketConfiguration {
  access: BucketAccessConfig;
  /** The stored CORS document, undefined without one. */
  cors: Buffer | undefined;
  /** Undefined: never set, or this backend keeps no versions. */
  versioning: StoredVersioningStatus;
  /** Its object lock configuration; undefined where it has none (or the backend keeps none). */
  objectLock?: ObjectLockConfiguration;
}
