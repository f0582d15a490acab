import type { BucketConfiguration } from '../../backend.types';
import { S3Error } from '../../../s3/errors/s3-error';
import type { NativeFs } from '../native.types';
import { STATUS_BYTE, VERSIONING_XATTR, type VersioningStatus } from './version-layout';

/** The status a bucket directory's attribute holds; undefined when versioning was never set there. */
export function decodeBucketVersioning(raw: Buffer | undefined): VersioningStatus | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  if (raw[0] === STATUS_BYTE.Enabled) return 'Enabled';
  if (raw[0] === STATUS_BYTE.Suspended) return 'Suspended';
  return undefined;
}

export function writeBucketVersioning(native: NativeFs, bucketDir: string, status: VersioningStatus): Promise<void> {
  return native.setXattr(bucketDir, VERSIONING_XATTR.bucketStatus, Buffer.from([STATUS_BYTE[status]]));
}

/** Where the statuses come from and go: the backend's one cache of bucket configurations. */
export interface BucketConfigurationSource {
  /** The cached configuration (read with the rest of the bucket's attributes); NoSuchBucket when absent. */
  configuration(bucket: string): Promise<BucketConfiguration>;
  /** The bucket changed here: its cached configuration is stale. */
  changed(bucket: string): void;
}

/** The bucket's configuration; undefined for no such bucket (the operation itself answers that). */
export async function configurationUnlessMissing(source: BucketConfigurationSource, bucket: string): Promise<BucketConfiguration | undefined> {
  try {
    return await source.configuration(bucket);
  } catch (err) {
    if (err instanceof S3Error && err.code === 'NoSuchBucket') return undefined;
    throw err;
  }
}

/**
 * The versioning status of each bucket, as every write and read of an object asks it: from the
 * bucket's cached configuration, and not at all when the gateway has no versioning directory
 * (VersityGW then ignores the attribute too), so an unversioned gateway pays nothing.
 */
export class BucketVersioningStates {
  constructor(
    private readonly native: NativeFs,
    /** The versioning directory; undefined: versioning is not configured. */
    readonly versioningDir: string | undefined,
    private readonly source: BucketConfigurationSource,
  ) {}

  get configured(): boolean {
    return this.versioningDir !== undefined;
  }

  /** Undefined for an unversioned bucket (never set, no versioning directory, or no such bucket: the operation itself answers that). */
  async statusOf(bucket: string): Promise<VersioningStatus | undefined> {
    if (this.versioningDir === undefined) return undefined;
    return (await configurationUnlessMissing(this.source, bucket))?.versioning;
  }

  async set(bucket: string, bucketDir: string, status: VersioningStatus): Promise<void> {
    if (this.versioningDir === undefined) throw new S3Error('VersioningNotConfigured');
    try {
      await writeBucketVersioning(this.native, bucketDir, status);
    } finally {
      this.source.changed(bucket);
    }
  }
}
