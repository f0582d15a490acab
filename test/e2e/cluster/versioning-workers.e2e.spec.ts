import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUCKET_CHANGES_POLL_MS } from '../../../src/journal/bucket-changes';
import { BUCKET_CONFIGURATION_TTL_MS } from '../../../src/backends/backend';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { type RawRequest, type RawResponse, signedRequest } from '../support/signed-request';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { servedBy, workerPids } from './cluster-support';

const ROOT_CREDENTIALS = { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET };
/** A few of the workers' polls of the journal, well inside the cache's lifetime. */
const WITHIN_THE_POLL_MS = 3 * BUCKET_CHANGES_POLL_MS;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ENABLED = '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>';

describe('versioning across --workers 2 (the built gateway in its own processes)', () => {
  let root: string;
  let child: ChildGateway;
  const send = (method: string, extra: Omit<RawRequest, 'method' | 'credentials'>): Promise<RawResponse> =>
    signedRequest(child.port, ROOT_CREDENTIALS, { method, freshConnection: true, ...extra });

  /** PUTs to `key` until every worker has answered one; what each answered, and when. */
  async function putOnEveryWorker(key: string): Promise<Map<number, { at: number; versionId: unknown }>> {
    const workers = workerPids(child);
    const seen = new Map<number, { at: number; versionId: unknown }>();
    for (let i = 0; i < 20 && seen.size < workers.length; i++) {
      const res = await send('PUT', { path: `/shared/${key}`, body: `body ${i}` });
      expect(res.status).toBe(200);
      seen.set(await servedBy(child, res.headers['x-amz-request-id'] as string), { at: Date.now(), versionId: res.headers['x-amz-version-id'] });
    }
    expect([...seen.keys()].sort()).toEqual([...workers].sort());
    return seen;
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-versioning-workers-'));
    child = await spawnGateway(join(root, 'data'), ['--debug'], { workers: 2, env: { VGW_VERSIONING_DIR: join(root, 'versions') } });
    expect((await send('PUT', { path: '/shared' })).status).toBe(200);
  });
  afterAll(async () => {
    await child.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('versioning enabled through one worker holds on the other within its poll of the journal, though it had cached the bucket unversioned', async () => {
    // Both workers read the bucket (never versioned) and keep that in their caches.
    const before = await putOnEveryWorker('a');
    expect([...before.values()].map((seen) => seen.versionId)).toEqual([undefined, undefined]);
    expect((await send('PUT', { path: '/shared', query: { versioning: '' }, body: ENABLED })).status).toBe(200);
    await pause(WITHIN_THE_POLL_MS);
    const after = await putOnEveryWorker('b');
    for (const [pid, seen] of after) {
      // A version id from each worker: none overwrote the key without keeping what it replaced.
      expect({ pid, versioned: typeof seen.versionId === 'string' && seen.versionId !== 'null' }).toEqual({ pid, versioned: true });
      // Sooner than the cache would have let go of "unversioned" by itself: the worker saw the BucketVersioningPut event.
      expect(seen.at - before.get(pid)!.at).toBeLessThan(BUCKET_CONFIGURATION_TTL_MS);
    }
  });
});
