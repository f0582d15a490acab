import { S3Error } from '../../../s3/errors/s3-error';
import { ExpiringCache } from '../../common/expiring-cache';
import type { NativeFs } from '../native.types';
import { STATUS_BYTE, VERSIONING_XATTR, type VersioningStatus } from './version-layout';

/**
 * How long a bucket's versioning status is trusted from the cache: the bound on how late a change
 * made by another worker or gateway reaches this one, as for the bucket's owner.
 */
export const VERSIONING_STATUS_TTL_MS = 1000;
const STATUSES_CACHED = 10_000;

/** The status stored on a bucket directory; undefined when versioning was never set there. */
export async function readBucketVersioning(native: NativeFs, bucketDir: string): Promise<VersioningStatus | undefined> {
  const raw = await native.getXattr(bucketDir, VERSIONING_XATTR.bucketStatus);
  if (raw === undefined || raw.length === 0) return undefined;
  if (raw[0] === STATUS_BYTE.Enabled) return 'Enabled';
  if (raw[0] === STATUS_BYTE.Suspended) return 'Suspended';
  return undefined;
}

export function writeBucketVersioning(native: NativeFs, bucketDir: string, status: VersioningStatus): Promise<void> {
  return native.setXattr(bucketDir, VERSIONING_XATTR.bucketStatus, Buffer.from([STATUS_BYTE[status]]));
}

/**
 * The versioning status of each bucket, as every write and read of an object asks it: from a cache
 * (one getxattr per bucket per second at most), and not at all when the gateway has no versioning
 * directory (VersityGW then ignores the attribute too), so an unversioned gateway pays nothing.
 */
export class BucketVersioningStates {
  private readonly cache = new ExpiringCache<string, VersioningStatus | 'unset'>(VERSIONING_STATUS_TTL_MS, STATUSES_CACHED);

  constructor(
    private readonly native: NativeFs,
    /** The versioning directory; undefined: versioning is not configured. */
    readonly versioningDir: string | undefined,
  ) {}

  get configured(): boolean {
    return this.versioningDir !== undefined;
  }

  /** Undefined for an unversioned bucket (never set, or no versioning directory). */
  async statusOf(bucket: string, bucketDir: string): Promise<VersioningStatus | undefined> {
    if (this.versioningDir === undefined) return undefined;
    const status = await this.cache.get(bucket, async () => (await this.read(bucketDir)) ?? 'unset');
    return status === 'unset' ? undefined : status;
  }

  async set(bucket: string, bucketDir: string, status: VersioningStatus): Promise<void> {
    if (this.versioningDir === undefined) throw new S3Error('VersioningNotConfigured');
    try {
      await writeBucketVersioning(this.native, bucketDir, status);
    } finally {
      this.cache.forget(bucket);
    }
  }

  forget(bucket: string): void {
    this.cache.forget(bucket);
  }

  private async read(bucketDir: string): Promise<VersioningStatus | undefined> {
    try {
      return await readBucketVersioning(this.native, bucketDir);
    } catch (err) {
      // A missing bucket is answered by the operation itself (NoSuchBucket), not here.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}
