import type { Backend, BucketConfiguration } from '../backends/backend';
import type { EventStore } from '../journal/event-store';
import { S3Error } from '../s3/errors/s3-error';
import { bucketCorsDeleted, bucketCorsPut } from './cors-events';
import type { CorsPolicy } from './cors-policy';
import type { CorsRule } from './cors-rule';
import { corsPolicyOfStored } from './stored-cors';

/** A bucket's CORS as its cached configuration holds it: the document and its policy, compiled from it once. */
export interface CachedCors {
  document: Buffer | undefined;
  policy: CorsPolicy | undefined;
}

/** Buckets whose last CORS is kept for its compiled policy. */
const BUCKETS_REMEMBERED = 10_000;

/**
 * The buckets' CORS configurations: stored by the backend (`user.cors`), each change a journal
 * event of the bucket's stream, and the policies kept per bucket because a request carrying an
 * Origin needs one, whatever its operation. The document comes with the bucket's configuration
 * from the backend's one cache (src/backends/backend.ts), so it lives and is forgotten with the
 * bucket's access state: at once for a change made here, when BucketChanges tells the backend of
 * another worker's event, within the cache's lifetime for another gateway's change.
 * A document read again unchanged keeps its compiled policy: rules are parsed once per change.
 */
export class BucketCorsConfigurations {
  private readonly compiled = new WeakMap<BucketConfiguration, CachedCors>();
  /** Each bucket's last entry, past its configuration's life: what a reload takes the compiled policy from. */
  private readonly last = new Map<string, CachedCors>();

  constructor(
    private readonly backend: Backend,
    private readonly events: EventStore,
  ) {}

  /** The bucket's entry when its configuration is cached and fresh, without waiting: the path of every request with an Origin. */
  peek(bucket: string): CachedCors | undefined {
    const configuration = this.backend.peekBucketConfiguration(bucket);
    return configuration === undefined ? undefined : this.corsOf(bucket, configuration);
  }

  /** The bucket's policy, undefined when it has no CORS (or no bucket by that name: not kept, so a bucket made later is found). */
  async policy(bucket: string): Promise<CorsPolicy | undefined> {
    const cached = this.peek(bucket);
    if (cached !== undefined) return cached.policy;
    let configuration: BucketConfiguration;
    try {
      configuration = await this.backend.bucketConfiguration({ bucket });
    } catch {
      return undefined;
    }
    return this.corsOf(bucket, configuration).policy;
  }

  /** GetBucketCors: the stored rules, read from storage; NoSuchCORSConfiguration without any. */
  async rules(bucket: string): Promise<readonly CorsRule[]> {
    const document = await this.backend.getBucketCors({ bucket });
    const policy = document && corsPolicyOfStored(document);
    if (!policy) throw new S3Error('NoSuchCORSConfiguration');
    return policy.rules;
  }

  /** PutBucketCors: stored first, then journaled (what the other workers follow). */
  async put(bucket: string, document: Buffer, traceId: string | undefined): Promise<void> {
    await this.backend.putBucketCors({ bucket, cors: document });
    this.events.append(bucketCorsPut({ bucket, configuration: document.toString('utf8') }, traceId));
  }

  /** DeleteBucketCors: succeeds without a configuration, as AWS; journaled only when there was one. */
  async delete(bucket: string, traceId: string | undefined): Promise<void> {
    const existing = await this.backend.getBucketCors({ bucket });
    await this.backend.putBucketCors({ bucket, cors: undefined });
    if (existing !== undefined) this.events.append(bucketCorsDeleted(bucket, traceId));
  }

  private corsOf(bucket: string, configuration: BucketConfiguration): CachedCors {
    let entry = this.compiled.get(configuration);
    if (entry === undefined) {
      const document = configuration.cors;
      const previous = this.last.get(bucket);
      const policy = previous && sameDocument(previous.document, document) ? previous.policy : document && corsPolicyOfStored(document);
      entry = { document, policy };
      if (this.last.size >= BUCKETS_REMEMBERED && !this.last.has(bucket)) this.last.clear();
      this.last.set(bucket, entry);
      this.compiled.set(configuration, entry);
    }
    return entry;
  }
}

function sameDocument(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}
