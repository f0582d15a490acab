import type { BucketAccessConfig } from './backend-access.types';

/** A bucket's versioning state as stored; undefined where it was never set. */
export type StoredVersioningStatus = 'Enabled' | 'Suspended' | undefined;

/**
 * What requests consult of a bucket, whatever their operation: who may do what (access), how a
 * browser may call it (CORS) and whether writes keep older versions. Read together, in one pass
 * where the backend can, and cached together (BackendBase.bucketConfiguration): one lifetime and
 * one invalidation for all of them.
 */
export interface BucketConfiguration {
  access: BucketAccessConfig;
  /** The stored CORS document, undefined without one. */
  cors: Buffer | undefined;
  /** Undefined: never set, or this backend keeps no versions. */
  versioning: StoredVersioningStatus;
}
