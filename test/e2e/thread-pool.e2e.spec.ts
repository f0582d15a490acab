import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_THREAD_POOL_SIZE } from '../../src/thread-pool-size';
import { type ChildGateway, spawnGateway } from './support/child-gateway';
import { signedRequest } from './support/signed-request';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from './support/test-config';
import { withEnv } from './tracing/support/env';

/** Threads of a process now: libuv starts every thread of its pool with the first job. */
async function threadsOf(child: ChildGateway): Promise<number> {
  return (await readdir(`/proc/${child.process.pid}/task`)).length;
}

/**
 * The built gateway sizes libuv's pool before anything uses it (bin → dist/main.js imports
 * thread-pool-size first): PUTs that wait in fdatasync then hold that many threads, not libuv's 4.
 */
describe('the built gateway starts libuv with a larger thread pool', () => {
  const credentials = { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET };
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-pool-'));
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  async function threadsAfterAPut(poolSize: string | undefined): Promise<number> {
    const inherited = process.env.UV_THREADPOOL_SIZE;
    delete process.env.UV_THREADPOOL_SIZE;
    let child: ChildGateway;
    try {
      child = await withEnv(poolSize === undefined ? {} : { UV_THREADPOOL_SIZE: poolSize }, () => spawnGateway(root));
    } finally {
      if (inherited !== undefined) process.env.UV_THREADPOOL_SIZE = inherited;
    }
    try {
      const put = await signedRequest(child.port, credentials, { method: 'PUT', path: '/pool' });
      expect(put.status).toBe(200);
      expect((await signedRequest(child.port, credentials, { method: 'PUT', path: '/pool/object', body: 'data' })).status).toBe(200);
      return await threadsOf(child);
    } finally {
      await child.stop();
    }
  }

  it('of DEFAULT_THREAD_POOL_SIZE threads by default', async () => {
    expect(await threadsAfterAPut(undefined)).toBeGreaterThan(DEFAULT_THREAD_POOL_SIZE);
  });

  it('of the size the operator set in UV_THREADPOOL_SIZE', async () => {
    expect(await threadsAfterAPut('5')).toBeLessThan(DEFAULT_THREAD_POOL_SIZE);
  });
});
