// Medium: two connections to one real journal file, as two --workers have; the second's backend keeps
// the one cache of bucket configurations (access states and CORS rules derive from it), told by
// its one BucketChanges. The backend is a stand-in counting its reads (the attributes are not what this is about). What one
// worker changes, the other forgets at its next poll.
import { join } from 'node:path';
import { BackendBase, type BackendType, type BucketAccessConfig } from '../../../src/backends/backend';
import { BucketCorsConfigurations } from '../../../src/cors/bucket-cors';
import { bucketCorsPut } from '../../../src/cors/cors-events';
import { BucketChanges } from '../../../src/journal/bucket-changes';
import { EventStore } from '../../../src/journal/event-store';
import { openJournal } from '../../../src/journal/open-journal';
import type { Projection } from '../../../src/journal/projection';
import { ProjectionRegistry } from '../../../src/journal/projection-registry';
import { AccessJournal } from '../../../src/s3/access/access-journal';
import { BucketAccessStates } from '../../../src/s3/access/bucket-access-states';
import { makeTempDir } from '../journal/temp-dir';

/** No projection folds the buckets' streams. */
const none: Projection = { name: 'none', apply: () => undefined, reset: () => undefined };
const CORS = Buffer.from('<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>');

/** A backend whose reads of access settings are counted, its CORS fixed; its cache is the real BackendBase one. */
class CountingBackend extends BackendBase {
  readonly type: BackendType = 'posix';
  reads = 0;
  constructor(private readonly config: BucketAccessConfig) {
    super();
  }
  override async bucketAccess(): Promise<BucketAccessConfig> {
    this.reads++;
    return this.config;
  }
  override async getBucketCors(): Promise<Buffer> {
    return CORS;
  }
}

function worker(dir: string) {
  const journal = openJournal(join(dir, 'journal.db'));
  const events = new EventStore(journal, new ProjectionRegistry().register(none));
  return { journal, events };
}

describe("buckets' cached configuration shared by the workers of one journal", () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  it('forgets a bucket another worker changed, and only that bucket, in every cache', async () => {
    const first = worker(tmp.path);
    const second = worker(tmp.path);
    const changes = BucketChanges.following(second.journal, second.events);
    try {
      const backend = new CountingBackend({ acl: { owner: 'alice', grants: [] } });
      changes.subscribe((changed) => backend.forgetBucketConfigurations(changed));
      const states = new BucketAccessStates(backend);
      const cors = new BucketCorsConfigurations(backend, second.events);
      for (const bucket of ['photos', 'music', 'films']) {
        await states.get(bucket);
        await cors.policy(bucket);
      }
      expect(backend.reads).toBe(3);

      changes.poll();
      expect([states.peek('photos'), cors.peek('photos')].every((cached) => cached !== undefined)).toBe(true);

      new AccessJournal(first.events).bucketChanged('photos', { kind: 'policy', value: '{}' }, 'alice', '0'.repeat(32));
      first.events.append(bucketCorsPut({ bucket: 'music', configuration: CORS.toString() }));
      changes.poll();
      expect([states.peek('photos'), cors.peek('photos')]).toEqual([undefined, undefined]);
      expect([states.peek('music'), cors.peek('music')]).toEqual([undefined, undefined]);
      expect([states.peek('films'), cors.peek('films')].every((cached) => cached !== undefined)).toBe(true);
      await states.get('photos');
      expect(backend.reads).toBe(4);
    } finally {
      changes.close();
      first.journal.close();
      second.journal.close();
    }
  });

  it('forgets everything when the other worker rebuilt the projections', async () => {
    const first = worker(tmp.path);
    const second = worker(tmp.path);
    const changes = BucketChanges.following(second.journal, second.events);
    try {
      const backend = new CountingBackend({ acl: { owner: 'alice', grants: [] } });
      changes.subscribe((changed) => backend.forgetBucketConfigurations(changed));
      const states = new BucketAccessStates(backend);
      await states.get('photos');
      first.events.rebuildProjections();
      changes.poll();
      expect(states.peek('photos')).toBeUndefined();
    } finally {
      changes.close();
      first.journal.close();
      second.journal.close();
    }
  });
});
