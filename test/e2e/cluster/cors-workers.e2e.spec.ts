import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUCKET_CHANGES_POLL_MS } from '../../../src/journal/bucket-changes';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { type RawRequest, type RawResponse, signedRequest } from '../support/signed-request';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { servedBy, workerPids } from './cluster-support';

const ROOT_CREDENTIALS = { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET };
const RULES = '<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>';
/** How long a worker keeps a bucket's CORS when nothing in the journal tells it otherwise (src/gateway-services.ts). */
const CACHE_TTL_MS = 1000;
/** A few of the workers' polls of the journal, well inside CACHE_TTL_MS: time for the other worker to see an event. */
const WITHIN_THE_POLL_MS = 3 * BUCKET_CHANGES_POLL_MS;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type SendOptions = Omit<RawRequest, 'method' | 'path' | 'credentials'> & { path?: string };
const withRules = { query: { cors: '' }, body: RULES, headers: { 'content-md5': createHash('md5').update(RULES).digest('base64') } };

describe('CORS across --workers 2 (the built gateway in its own processes)', () => {
  let root: string;
  let child: ChildGateway;
  const send = (method: string, extra: SendOptions = {}): Promise<RawResponse> =>
    signedRequest(child.port, ROOT_CREDENTIALS, { method, path: '/shared', freshConnection: true, ...extra });
  const preflight = (path = '/shared') => send('OPTIONS', { path, anonymous: true, headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET' } });
  const pidOf = (res: RawResponse) => servedBy(child, res.headers['x-amz-request-id'] as string | undefined);

  /** Sends `request` until every worker has answered one; when each did, and what it answered. */
  async function onEveryWorker(request: () => Promise<RawResponse>): Promise<Map<number, { at: number; status: number }>> {
    const workers = workerPids(child);
    const seen = new Map<number, { at: number; status: number }>();
    for (let i = 0; i < 20 && seen.size < workers.length; i++) {
      const res = await request();
      seen.set(await pidOf(res), { at: Date.now(), status: res.status });
    }
    expect([...seen.keys()].sort()).toEqual([...workers].sort());
    return seen;
  }
  const preflightOnEveryWorker = (path?: string) => onEveryWorker(() => preflight(path));

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
    const put = await send('PUT', withRules);
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

  it('a bucket deleted and made again through one worker never answers with the old rules or ACL on the other', async () => {
    const path = '/reborn';
    expect((await send('PUT', { path, headers: { 'x-amz-acl': 'public-read' } })).status).toBe(200);
    expect((await send('PUT', { path, ...withRules })).status).toBe(200);
    const anonymousList = () => send('GET', { path, anonymous: true });
    // Both workers read the old bucket's rules and ACL and keep them for CACHE_TTL_MS.
    const rulesBefore = await preflightOnEveryWorker(path);
    const aclBefore = await onEveryWorker(anonymousList);
    expect([...rulesBefore.values(), ...aclBefore.values()].map((seen) => seen.status)).toEqual([200, 200, 200, 200]);

    // One keep-alive connection: the deletion and the new bucket go through the same worker, so
    // only the journal can tell the other one.
    const oneWorker = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const deleted = await send('DELETE', { path, freshConnection: false, agent: oneWorker });
      const created = await send('PUT', { path, freshConnection: false, agent: oneWorker });
      expect([deleted.status, created.status]).toEqual([204, 200]);
      expect(await pidOf(created)).toBe(await pidOf(deleted));
    } finally {
      oneWorker.destroy();
    }
    await pause(WITHIN_THE_POLL_MS);
    const rulesAfter = await preflightOnEveryWorker(path);
    const aclAfter = await onEveryWorker(anonymousList);
    for (const [pid, seen] of [...rulesAfter, ...aclAfter]) expect({ pid, status: seen.status }).toEqual({ pid, status: 403 });
    // Sooner than the caches would have let go of the old bucket by themselves.
    for (const [pid, seen] of rulesAfter) expect(seen.at - rulesBefore.get(pid)!.at).toBeLessThan(CACHE_TTL_MS);
    for (const [pid, seen] of aclAfter) expect(seen.at - aclBefore.get(pid)!.at).toBeLessThan(CACHE_TTL_MS);
  });
});
