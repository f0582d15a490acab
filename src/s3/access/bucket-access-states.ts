import { Inject, Injectable } from '@nestjs/common';
import { BACKEND, type Backend, type BucketConfiguration } from '../../backends/backend';
import { type BucketAccessState, bucketAccessState } from './bucket-access-state';

/** Buckets whose last state is kept for its compiled policy. */
const BUCKETS_REMEMBERED = 10_000;

/**
 * Every bucket's access state, as the access check of every request reads it: compiled from the
 * bucket's configuration as the backend's one cache holds it (src/backends/backend.ts), once per
 * read of it, so a request costs a lookup, not attribute reads and a policy compilation. That
 * cache's lifetime and invalidation are this state's: a change made through this process is seen
 * at once, one made by another --workers process when BucketChanges tells the backend, one made by
 * another gateway within BUCKET_CONFIGURATION_TTL_MS. A configuration read again with an unchanged
 * policy text keeps its compiled policy.
 */
@Injectable()
export class BucketAccessStates {
  private readonly compiled = new WeakMap<BucketConfiguration, BucketAccessState>();
  /** The last state of each bucket, past its configuration's life: what a reload takes the compiled policy from. */
  private readonly last = new Map<string, BucketAccessState>();

  constructor(@Inject(BACKEND) private readonly backend: Backend) {}

  /** NoSuchBucket when the bucket is absent. */
  async get(bucket: string): Promise<BucketAccessState> {
    return this.stateOf(bucket, await this.backend.bucketConfiguration({ bucket }));
  }

  /** The state when its configuration is cached and fresh: what every request asks first, without a promise. */
  peek(bucket: string): BucketAccessState | undefined {
    const configuration = this.backend.peekBucketConfiguration(bucket);
    return configuration === undefined ? undefined : this.stateOf(bucket, configuration);
  }

  private stateOf(bucket: string, configuration: BucketConfiguration): BucketAccessState {
    let state = this.compiled.get(configuration);
    if (state === undefined) {
      state = bucketAccessState(bucket, configuration.access, this.last.get(bucket));
      if (this.last.size >= BUCKETS_REMEMBERED && !this.last.has(bucket)) this.last.clear();
      this.last.set(bucket, state);
      this.compiled.set(configuration, state);
    }
    return state;
  }
}
