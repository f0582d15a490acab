import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnGateway, type ChildGateway } from '../support/child-gateway';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { consoleRequest, sessionCall, signIn } from './console-client';

// The built gateway (dist/) finds the console's files in the package, and with --workers 2 a
// session issued by one worker is good on the other (tokens are not kept in a process), and one
// signed out on one worker is refused by the other.
describe('console of the built gateway with --workers 2', () => {
  let root: string;
  let child: ChildGateway;
  let adminPort: number;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-console-'));
    adminPort = await freePort();
    child = await spawnGateway(root, ['--admin-port', `127.0.0.1:${adminPort}`], { workers: 2 });
  });
  afterAll(async () => {
    await child?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the page and the chart library, and accepts the session on every worker', async () => {
    expect((await consoleRequest(adminPort, '/console')).status).toBe(200);
    const login = await signIn(adminPort, { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET });
    expect((await consoleRequest(adminPort, '/console/vendor/chart.umd.min.js', { headers: { cookie: login.cookie } })).status).toBe(200);
    // Each request on a connection of its own: the cluster hands them to both workers.
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await sessionCall(adminPort, login, '/list-users', { connection: 'close' })).status);
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it('ends a signed-out session on every worker: the journal both share holds the sign-out', async () => {
    const login = await signIn(adminPort, { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET });
    expect((await sessionCall(adminPort, login, '/console-sign-out', { connection: 'close' })).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await sessionCall(adminPort, login, '/list-users', { connection: 'close' })).status);
    expect(statuses).toEqual(Array(8).fill(401));
  });
});
