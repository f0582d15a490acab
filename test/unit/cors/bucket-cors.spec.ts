import { BucketCorsConfigurations } from '../../../src/cors/bucket-cors';
import { BucketChanges } from '../../../src/journal/bucket-changes';
import { BackendBase, type BackendType, type BucketAccessConfig, type BucketInput } from '../../../src/backends/backend';
import { S3Error } from '../../../src/s3/errors/s3-error';
import type { EventStore } from '../../../src/journal/event-store';
import type { NewEvent } from '../../../src/journal/event';

const DOCUMENT = Buffer.from('<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>');

/** A backend holding buckets' documents in memory, counting reads; its cache of configurations is the real BackendBase one. */
class MemoryBackend extends BackendBase {
  readonly type: BackendType = 'posix';
  readonly stored = new Map<string, Buffer | undefined>([['b', DOCUMENT]]);
  reads = 0;
  override async bucketAccess({ bucket }: BucketInput): Promise<BucketAccessConfig> {
    if (!this.stored.has(bucket)) throw new S3Error('NoSuchBucket');
    return { acl: { owner: 'alice', grants: [] } };
  }
  override async getBucketCors({ bucket }: BucketInput): Promise<Buffer | undefined> {
    this.reads++;
    if (!this.stored.has(bucket)) throw new S3Error('NoSuchBucket');
    return this.stored.get(bucket);
  }
  /** As every backend's change does: through changingBucket, which forgets the bucket's cached configuration. */
  override putBucketCors({ bucket, cors }: BucketInput & { cors: Buffer | undefined }): Promise<void> {
    return this.changingBucket(bucket, (async () => void this.stored.set(bucket, cors))());
  }
}

function fakes() {
  const backend = new MemoryBackend();
  const appended: NewEvent[] = [];
  const events = { append: (event: NewEvent) => appended.push(event) } as unknown as EventStore;
  // One process alone on its journal: only its own changes are told.
  const changes = new BucketChanges(undefined);
  changes.subscribe((changed) => backend.forgetBucketConfigurations(changed));
  const cors = new BucketCorsConfigurations(backend, events);
  return { cors, changes, backend, appended };
}

describe('BucketCorsConfigurations: CORS policies from the one cache of bucket configurations', () => {
  it('reads a bucket once while its configuration is cached and keeps the compiled policy when the document is unchanged', async () => {
    const f = fakes();
    const first = await f.cors.policy('b');
    expect(first?.forRequest('https://x.test', 'GET')?.allowOrigin).toBe('*');
    expect(f.cors.peek('b')?.policy).toBe(first);
    expect(await f.cors.policy('b')).toBe(first);
    expect(f.backend.reads).toBe(1);
    f.backend.forgetBucketConfigurations('all');
    expect(f.cors.peek('b')).toBeUndefined();
    expect(await f.cors.policy('b')).toBe(first);
    expect(f.backend.reads).toBe(2);
  });

  it('forgets on its own change and journals it (the event is what the other workers follow)', async () => {
    const f = fakes();
    await f.cors.policy('b');
    await f.cors.delete('b', 'trace-1');
    expect(f.cors.peek('b')).toBeUndefined();
    expect(await f.cors.policy('b')).toBeUndefined();
    expect(f.appended.map((event) => [event.type, event.streamId, event.traceId])).toEqual([['BucketCorsDeleted', 'bucket:b', 'trace-1']]);
    await f.cors.delete('b', 'trace-2');
    expect(f.appended).toHaveLength(1);
    await f.cors.put('b', DOCUMENT, 'trace-3');
    expect(f.appended.map((event) => event.type)).toEqual(['BucketCorsDeleted', 'BucketCorsPut']);
    expect(await f.cors.policy('b')).toBeDefined();
  });

  it('keeps no entry for a missing bucket and forgets a bucket the backend is told of', async () => {
    const f = fakes();
    expect(await f.cors.policy('gone')).toBeUndefined();
    expect(f.cors.peek('gone')).toBeUndefined();
    await f.cors.policy('b');
    f.backend.stored.set('c', undefined);
    await f.cors.policy('c');
    f.backend.forgetBucketConfigurations(['b']);
    expect([f.cors.peek('b'), f.cors.peek('c') !== undefined]).toEqual([undefined, true]);
  });
});
