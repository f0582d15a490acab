import { closeSync } from 'node:fs';
import { ExpiringCache } from '../common/expiring-cache';
import type { NativeFs } from './native.types';

/** How long a bucket's open directory is trusted, as long as the bucket's cached configuration (BUCKET_CONFIGURATION_TTL_MS). */
export const BUCKET_DIRECTORY_TTL_MS = 1000;
/** Buckets kept open at once; the least recently opened is closed first. */
const MAX_OPEN_BUCKETS = 256;

/**
 * The directories of recently used buckets, held open (O_PATH) so that a GET or HEAD from memory
 * opens its key beneath the bucket's descriptor instead of resolving and checking the bucket every
 * time (an openat2, a close and two fstat per request). A descriptor is only ever used inside one
 * synchronous native call (openObjectCached), never by a thread-pool job, so closing it between
 * calls cannot race anything that still uses it. It is forgotten when the gateway creates or
 * deletes the bucket and after BUCKET_DIRECTORY_TTL_MS, so a bucket replaced outside the gateway is
 * seen within that time; a key that is not found beneath it is looked up again by name.
 */
export class BucketDirectories {
  private readonly open: ExpiringCache<string, number>;

  constructor(now: () => number = Date.now) {
    this.open = new ExpiringCache<string, number>(BUCKET_DIRECTORY_TTL_MS, MAX_OPEN_BUCKETS, now, closeSync);
  }

  /** The bucket's open directory, opened from memory when it was not; undefined when the kernel cannot tell from memory. */
  fd(native: NativeFs, rootFd: number, bucket: string): number | undefined {
    return this.open.getSync(bucket, () => {
      const fd = native.openBucketCached?.(rootFd, bucket);
      return typeof fd === 'number' ? fd : undefined;
    });
  }

  forget(bucket: string): void {
    this.open.forget(bucket);
  }

  closeAll(): void {
    this.open.clear();
  }
}
