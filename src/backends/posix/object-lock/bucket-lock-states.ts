import type { ObjectLockConfiguration } from '../../backend.types';
import type { NativeFs } from '../native.types';
import { type BucketConfigurationSource, configurationUnlessMissing } from '../versioning/bucket-versioning';
import { writeBucketLock } from './bucket-lock';

/**
 * The object lock configuration of each bucket, as every new version and every delete asks it
 * (its default retention, whether its versions may be locked): from the bucket's cached
 * configuration, read with the rest of its attributes, so a bucket without object lock costs
 * nothing more.
 */
export class BucketLockStates {
  constructor(
    private readonly native: NativeFs,
    private readonly source: BucketConfigurationSource,
  ) {}

  /** Undefined for a bucket without object lock (or no such bucket: the operation itself answers that). */
  async configOf(bucket: string): Promise<ObjectLockConfiguration | undefined> {
    return (await configurationUnlessMissing(this.source, bucket))?.objectLock;
  }

  async set(bucket: string, bucketDir: string, config: ObjectLockConfiguration): Promise<void> {
    try {
      await writeBucketLock(this.native, bucketDir, config);
    } finally {
      this.source.changed(bucket);
    }
  }
}
