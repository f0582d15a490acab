import type { Backend } from '../backends/backend';
import type { BucketChanges } from '../journal/bucket-changes';
import type { EventStore } from '../journal/event-store';
import { S3Error } from '../s3/errors/s3-error';
import { bucketCorsDeleted, bucketCorsPut } from './cors-events';
import type { CorsPolicy } from './cors-policy';
import type { CorsRule } from './cors-rule';
import { corsPolicyOfStored } from './stored-cors';

/** A bucket's CORS as this process last read it: the document and its policy, compiled from it once. */
export interface CachedCors {
  document: Buffer | undefined;
  policy: CorsPolicy | undefined;
  expires: number;
}

export interface BucketCorsOptions {
  /** How long a read stays good: a change made by another gateway on the shared file system is seen within it. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * The buckets' CORS configurations: stored by the backend (`user.cors`), each change a journal
 * event of the bucket's stream, and the policies kept per bucket because a request carrying an
 * Origin needs one, whatever its operation. A change made here is forgotten at once in this
 * process; the other --workers forget it when BucketChanges tells them of its event (within their
 * poll of the shared journal), as they do a bucket deleted or created again; a change made by
 * another gateway is seen within the TTL.
 * A document read again unchanged keeps its compiled policy: rules are parsed once per change.
 */
export class BucketCorsConfigurations {
  private readonly cached = new Map<string, CachedCors>();
  private readonly now: () => number;

  constructor(
    private readonly backend: Backend,
    private readonly events: EventStore,
    changes: BucketChanges,
    private readonly options: BucketCorsOptions,
  ) {
    this.now = options.now ?? Date.now;
    changes.subscribe((changed) => {
      if (changed === 'all') this.cached.clear();
      else for (const bucket of changed) this.forget(bucket);
    });
  }

  /** The bucket's entry when this process read it recently, without waiting: the path of every request with an Origin. */
  peek(bucket: string): CachedCors | undefined {
    const entry = this.cached.get(bucket);
    return entry !== undefined && entry.expires > this.now() ? entry : undefined;
  }

  /** The bucket's policy, undefined when it has no CORS (or no bucket by that name). */
  async policy(bucket: string): Promise<CorsPolicy | undefined> {
    return (this.peek(bucket) ?? (await this.load(bucket)))?.policy;
  }

  /** GetBucketCors: the stored rules, read from storage; NoSuchCORSConfiguration without any. */
  async rules(bucket: string): Promise<readonly CorsRule[]> {
    const document = await this.backend.getBucketCors({ bucket });
    const policy = document && corsPolicyOfStored(document);
    if (!policy) throw new S3Error('NoSuchCORSConfiguration');
    return policy.rules;
  }

  /** PutBucketCors: stored first, then journaled (what the other workers follow), then forgotten here. */
  async put(bucket: string, document: Buffer, traceId: string | undefined): Promise<void> {
    await this.backend.putBucketCors({ bucket, cors: document });
    this.events.append(bucketCorsPut({ bucket, configuration: document.toString('utf8') }, traceId));
    this.forget(bucket);
  }

  /** DeleteBucketCors: succeeds without a configuration, as AWS; journaled only when there was one. */
  async delete(bucket: string, traceId: string | undefined): Promise<void> {
    const existing = await this.backend.getBucketCors({ bucket });
    await this.backend.putBucketCors({ bucket, cors: undefined });
    if (existing !== undefined) this.events.append(bucketCorsDeleted(bucket, traceId));
    this.forget(bucket);
  }

  /** The bucket's configuration changed: read it again next time. */
  forget(bucket: string): void {
    this.cached.delete(bucket);
  }

  /** Reads the document; a missing bucket or an unreadable one counts as no CORS and is not kept. */
  private async load(bucket: string): Promise<CachedCors | undefined> {
    let document: Buffer | undefined;
    try {
      document = await this.backend.getBucketCors({ bucket });
    } catch {
      return undefined;
    }
    const previous = this.cached.get(bucket);
    const policy = previous && sameDocument(previous.document, document) ? previous.policy : document && corsPolicyOfStored(document);
    const entry: CachedCors = { document, policy, expires: this.now() + this.options.ttlMs };
    this.cached.delete(bucket);
    if (this.cached.size >= this.options.maxEntries) {
      const oldest = this.cached.keys().next();
      if (!oldest.done) this.cached.delete(oldest.value);
    }
    this.cached.set(bucket, entry);
    return entry;
  }
}

function sameDocument(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}
