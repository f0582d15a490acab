import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { BACKEND, type Backend } from '../../backends/backend';
import { ExpiringCache } from '../../backends/common/expiring-cache';
import { BUCKET_CHANGES, type BucketChanges } from '../../journal/bucket-changes';
import type { StreamChangesSeen } from '../../journal/stream-changes';
import { type BucketAccessState, bucketAccessState } from './bucket-access-state';

const BUCKETS_CACHED = 10_000;
/**
 * How long a bucket's access state is trusted: the bound on how late a change made by another
 * gateway on the shared file system reaches this one (the other --workers' changes come sooner,
 * through BucketChanges; the posix backend's bucket owner cache has the same lifetime).
 */
export const BUCKET_ACCESS_TTL_MS = 1000;

/**
 * Every bucket's access state, kept in memory: the access check of every request reads it, so it
 * costs a map lookup, not four attribute reads and a policy compilation. What this process changes
 * it forgets at once (the handlers of the changing operations call `forget`; CreateBucket and
 * DeleteBucket go through BucketChanges); what another --workers process changes, BucketChanges
 * tells it within its poll of the shared journal; what another gateway changes on the shared file
 * system is seen within BUCKET_ACCESS_TTL_MS. A reload whose policy text is unchanged reuses its
 * compiled form.
 */
@Injectable()
export class BucketAccessStates implements OnModuleDestroy {
  private readonly cache = new ExpiringCache<string, BucketAccessState>(BUCKET_ACCESS_TTL_MS, BUCKETS_CACHED);
  /** The last state of each bucket, past its lifetime too: what a reload takes the compiled policy from. */
  private readonly last = new Map<string, BucketAccessState>();

  /** Stops BucketChanges telling this instance, when its Nest app closes. */
  private readonly unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(BUCKET_CHANGES) changes?: BucketChanges,
  ) {
    this.unsubscribe = changes?.subscribe((changed) => this.forgetChanged(changed));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Forgets the buckets changed elsewhere (or all of them). */
  forgetChanged(changed: StreamChangesSeen): void {
    if (changed === 'all') this.cache.clear();
    else for (const bucket of changed) this.forget(bucket);
  }

  /** NoSuchBucket when the bucket is absent (a failed load is not kept). */
  get(bucket: string): Promise<BucketAccessState> {
    return this.cache.get(bucket, async () => {
      const state = bucketAccessState(bucket, await this.backend.bucketAccess({ bucket }), this.last.get(bucket));
      if (this.last.size >= BUCKETS_CACHED && !this.last.has(bucket)) this.last.clear();
      this.last.set(bucket, state);
      return state;
    });
  }

  /** The state when it is cached and fresh: what every request asks first, without a promise. */
  peek(bucket: string): BucketAccessState | undefined {
    return this.cache.peek(bucket);
  }

  forget(bucket: string): void {
    this.cache.forget(bucket);
  }
}
