import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { BACKEND, type Backend } from '../../backends/backend';
import { ExpiringCache } from '../../backends/common/expiring-cache';
import type { StreamChanges } from '../../journal/stream-changes';
import { type BucketAccessState, bucketAccessState } from './bucket-access-state';

const BUCKETS_CACHED = 10_000;
/**
 * How long a bucket's access state is trusted: the bound on how late a change made by another
 * worker or gateway reaches this one (the posix backend's bucket owner cache has the same).
 */
export const BUCKET_ACCESS_TTL_MS = 1000;

/** DI token of the StreamChanges of the buckets' streams (null when this process is no cluster worker). */
export const BUCKET_ACCESS_CHANGES = Symbol('BucketAccessChanges');

/**
 * How often a cluster worker looks in the shared journal for the other workers' changes: the
 * bound on how late one reaches it (a poll that finds nothing costs 2-4 µs, off the request path).
 */
export const BUCKET_CHANGES_POLL_MS = 100;

/**
 * Every bucket's access state, kept in memory: the access check of every request reads it, so it
 * costs a map lookup, not four attribute reads and a policy compilation. What this process changes
 * it forgets at once (the handlers of the changing operations call `forget`); what another
 * --workers process changes it forgets within BUCKET_CHANGES_POLL_MS (each change is an event of
 * the bucket's stream in the shared journal); what another gateway changes on the shared file
 * system is seen within BUCKET_ACCESS_TTL_MS. A reload whose policy text is unchanged reuses its
 * compiled form.
 */
@Injectable()
export class BucketAccessStates implements OnModuleDestroy {
  private readonly cache = new ExpiringCache<string, BucketAccessState>(BUCKET_ACCESS_TTL_MS, BUCKETS_CACHED);
  /** The last state of each bucket, past its lifetime too: what a reload takes the compiled policy from. */
  private readonly last = new Map<string, BucketAccessState>();

  private readonly poller: NodeJS.Timeout | undefined;

  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(BUCKET_ACCESS_CHANGES) changes: StreamChanges | null = null,
  ) {
    if (changes !== null) {
      this.poller = setInterval(() => this.forgetChanged(changes), BUCKET_CHANGES_POLL_MS);
      this.poller.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.poller !== undefined) clearInterval(this.poller);
  }

  /**
   * Forgets the buckets the other workers changed since the last poll. A poll that fails (the
   * journal closing under a stopping worker) forgets everything: the states are read again.
   */
  forgetChanged(changes: StreamChanges): void {
    let changed: ReturnType<StreamChanges['poll']>;
    try {
      changed = changes.poll();
    } catch {
      changed = 'all';
    }
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
