import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { until } from '../multipart/crash-support';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { freshConnectionsClient } from './cluster-support';

/** The object keys (8th field) of the access log's lines, in file order; the start-up probes of spawnGateway have none. */
async function keysIn(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (line.match(/"[^"]*"|\[[^\]]*\]|\S+/g) ?? [])[7])
    .filter((key) => key !== '-');
}

// logrotate renames the file and signals the pid it knows, the primary's: both workers must move on.
describe('--access-log with --workers 2 (the built gateway): rotation by rename and SIGHUP', () => {
  let root: string;
  let child: ChildGateway;
  let client: S3Client;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-access-log-'));
    child = await spawnGateway(root, ['--access-log', join(root, 'access.log')], { workers: 2 });
    client = freshConnectionsClient(child, { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET });
  });
  afterAll(async () => {
    client?.destroy();
    await child?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('writes every worker\'s lines to the one file, and after SIGHUP to a new one, losing none', async () => {
    const file = join(root, 'access.log');
    await client.send(new CreateBucketCommand({ Bucket: 'rotated' }));
    const put = (key: string) => client.send(new PutObjectCommand({ Bucket: 'rotated', Key: key, Body: 'x' }));
    for (const key of ['before-1', 'before-2', 'before-3', 'before-4']) await put(key);
    await until(async () => (await keysIn(file)).length === 4, 'four lines in the access log');

    await rename(file, `${file}.1`);
    child.process.kill('SIGHUP');
    // The primary passes it on; give the workers a moment to reopen.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const key of ['after-1', 'after-2', 'after-3', 'after-4']) await put(key);
    await until(async () => (await keysIn(file)).length === 4, 'four lines in the new access log');

    expect((await keysIn(`${file}.1`)).sort()).toEqual(['before-1', 'before-2', 'before-3', 'before-4']);
    expect((await keysIn(file)).sort()).toEqual(['after-1', 'after-2', 'after-3', 'after-4']);
    expect(child.process.exitCode).toBeNull();
  });
});
