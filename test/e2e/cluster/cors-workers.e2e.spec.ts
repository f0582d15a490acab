import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUCKET_CHANGES_POLL_MS } from '../../../src/journal/bucket-changes';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { type RawResponse, signedRequest } from '../support/signed-request';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { servedBy, workerPids } from './cluster-support';

const ROOT_CREDENTIALS = { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET };
const RULES = '<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>';
/** How long a worker keeps a bucket's CORS when nothing in the journal tells it otherwise (src/gateway-services.ts). */
const CACHE_TTL_MS = 1000;
/** A few of the workers' polls of the journal, well inside CACHE_TTL_MS: time for the other worker to see an event. */
const WITHIN_THE_POLL_MS = 3 * BUCKET_CHANGES_POLL_MS;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('CORS across --workers 2 (the built gateway in its own processes)', () => {
  let root: string;
  let child: ChildGateway;
  const send = (method: string, extra: { query?: Record<string, string>; body?: string; headers?: Record<string, string>; anonymous?: boolean } = {}): Promise<RawResponse> =>
    signedRequest(child.port, ROOT_CREDENTIALS, { method, path: '/shared', freshConnection: true, ...extra });
  const preflight = () => send('OPTIONS', { anonymous: true, headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' } });
  const pidOf = (res: RawResponse) => servedBy(child, res.headers['x-amz-request-id'] as string | undefined);

  /** Preflights until every worker has answered one; when each did, and what it answered. */
  async function preflightOnEveryWorker(): Promise<Map<number, { at: number; status: number }>> {
    const workers = workerPids(child);
    const seen = new Map<number, { at: number; status: number }>();
    for (let i = 0; i < 20 && seen.size < workers.length; i++) {
      const res = await preflight();
      seen.set(await pidOf(res), { at: Date.now(), status: res.status });
    }
    expect([...seen.keys()].sort()).toEqual([...workers].sort());
    return seen;
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-cors-workers-'));
    child = await spawnGateway(root, ['--debug'], { workers: 2 });
    expect((await send('PUT')).status).toBe(200);
  });
  afterAll(async () => {
    await child.stop();
    await rm(root, { recursive: true, force: true });
  });

  it("a change made through one worker holds on the other within its poll of the journal, though it had cached the bucket's rules", async () => {
    // Both workers read the bucket (no CORS yet) and keep that for CACHE_TTL_MS.
    const before = await preflightOnEveryWorker();
    expect([...before.values()].map((seen) => seen.status)).toEqual([403, 403]);
    const put = await send('PUT', { query: { cors: '' }, body: RULES, headers: { 'content-md5': createHash('md5').update(RULES).digest('base64') } });
    expect(put.status).toBe(200);
    await pause(WITHIN_THE_POLL_MS);
    const after = await preflightOnEveryWorker();
    for (const [pid, seen] of after) {
      expect({ pid, status: seen.status }).toEqual({ pid, status: 200 });
      // Sooner than the cache would have let go of "no CORS" by itself: the other worker saw the BucketCorsPut event.
      expect(seen.at - before.get(pid)!.at).toBeLessThan(CACHE_TTL_MS);
    }
    expect((await send('DELETE', { query: { cors: '' } })).status).toBe(204);
    await pause(WITHIN_THE_POLL_MS);
    const deleted = await preflightOnEveryWorker();
    expect([...deleted.values()].map((seen) => seen.status)).toEqual([403, 403]);
  });
});
