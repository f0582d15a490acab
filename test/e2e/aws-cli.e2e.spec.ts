import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RunningGateway, startGateway } from './support/gateway';

const run = promisify(execFile);

/** aws-cli (installed by .ci/run when the machine lacks it) against a real gateway. */
describe('aws-cli against a real gateway', () => {
  let gw: RunningGateway;
  let work: string;
  const aws = async (...args: string[]): Promise<string> => {
    const { stdout } = await run('aws', ['--endpoint-url', gw.endpoint, ...args], {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: gw.rootCredentials.access,
        AWS_SECRET_ACCESS_KEY: gw.rootCredentials.secret,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: join(work, 'aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(work, 'aws-credentials'),
      },
      timeout: 60_000,
    });
    return stdout;
  };

  beforeAll(async () => {
    gw = await startGateway();
    work = await mkdtemp(join(tmpdir(), 'tracegw-awscli-'));
    await writeFile(join(work, 'aws-config'), '[default]\ns3 =\n    addressing_style = path\n');
  });
  afterAll(async () => {
    await gw.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('makes a bucket, copies a file in and out, lists and removes it', async () => {
    await aws('s3', 'mb', 's3://cli-bucket');
    const source = join(work, 'report.csv');
    await writeFile(source, 'id,value\n1,42\n');
    await aws('s3', 'cp', source, 's3://cli-bucket/reports/2024/report.csv');
    expect(await readFile(join(gw.root, 'cli-bucket', 'reports', '2024', 'report.csv'), 'utf8')).toBe('id,value\n1,42\n');

    const listing = await aws('s3', 'ls', 's3://cli-bucket', '--recursive');
    expect(listing).toContain('reports/2024/report.csv');

    const back = join(work, 'back.csv');
    await aws('s3', 'cp', 's3://cli-bucket/reports/2024/report.csv', back);
    expect(await readFile(back, 'utf8')).toBe('id,value\n1,42\n');

    const head = JSON.parse(await aws('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'reports/2024/report.csv')) as { ContentLength: number };
    expect(head.ContentLength).toBe(14);

    await aws('s3', 'rm', 's3://cli-bucket/reports/2024/report.csv');
    await aws('s3', 'rb', 's3://cli-bucket');
    expect(await aws('s3', 'ls')).not.toContain('cli-bucket');
  });

  it('syncs a directory tree', async () => {
    await aws('s3', 'mb', 's3://sync-bucket');
    const tree = join(work, 'tree');
    await run('mkdir', ['-p', join(tree, 'a', 'b')]);
    await writeFile(join(tree, 'top.txt'), 'top');
    await writeFile(join(tree, 'a', 'b', 'deep.txt'), 'deep');
    await aws('s3', 'sync', tree, 's3://sync-bucket/tree');
    expect(await readFile(join(gw.root, 'sync-bucket', 'tree', 'a', 'b', 'deep.txt'), 'utf8')).toBe('deep');
    await aws('s3', 'rb', 's3://sync-bucket', '--force');
  });
});
