// Medium: two connections to one real journal file, as two --workers have, each with its own
// cache of buckets' access states; the backend is a stand-in counting its reads (the attributes
// are not what this is about). What one worker changes, the other forgets at its next poll.
import { join } from 'node:path';
import type { Backend, BucketAccessConfig } from '../../../src/backends/backend';
import { EventStore } from '../../../src/journal/event-store';
import { openJournal } from '../../../src/journal/open-journal';
import type { Projection } from '../../../src/journal/projection';
import { ProjectionRegistry } from '../../../src/journal/projection-registry';
import { StreamChanges } from '../../../src/journal/stream-changes';
import { AccessJournal, bucketStreamId } from '../../../src/s3/access/access-journal';
import { BucketAccessStates } from '../../../src/s3/access/bucket-access-states';
import { makeTempDir } from '../journal/temp-dir';

/** No projection folds the buckets' streams. */
const none: Projection = { name: 'none', apply: () => undefined, reset: () => undefined };

function worker(dir: string) {
  const journal = openJournal(join(dir, 'journal.db'));
  const events = new EventStore(journal, new ProjectionRegistry().register(none));
  return { journal, events };
}

describe('buckets access states shared by the workers of one journal', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.remove());

  it('forgets a bucket another worker changed, and only that bucket', async () => {
    const first = worker(tmp.path);
    const second = worker(tmp.path);
    try {
      let reads = 0;
      const config: BucketAccessConfig = { acl: { owner: 'alice', grants: [] } };
      const backend = { bucketAccess: async () => (reads++, config) } as unknown as Backend;
      const changes = new StreamChanges(second.journal, second.events, bucketStreamId(''));
      const states = new BucketAccessStates(backend);
      await states.get('photos');
      await states.get('music');
      expect(reads).toBe(2);

      states.forgetChanged(changes);
      expect(states.peek('photos')).toBeDefined();

      new AccessJournal(first.events).bucketChanged('photos', { kind: 'policy', value: '{}' }, 'alice', '0'.repeat(32));
      states.forgetChanged(changes);
      expect(states.peek('photos')).toBeUndefined();
      expect(states.peek('music')).toBeDefined();
      await states.get('photos');
      expect(reads).toBe(3);
    } finally {
      first.journal.close();
      second.journal.close();
    }
  });
});
