import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { type AwsCli, awsCliFor } from '../support/aws-cli';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { type RunningGateway, startGateway } from '../support/gateway';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';

const PROXY_ROOT = { access: 'PROXYROOTACCESSKEY00', secret: 'proxy-root-secret-key-000000000000000000' };

/**
 * `tracegw s3` as users run it: the built gateway, its upstream given by VGW_S3_* variables and
 * flags, its own root account (not the upstream's), in front of a tracegw posix, driven by aws-cli
 * (multipart uploads of 20 MiB included).
 */
describe('tracegw s3 (the built gateway) with aws-cli', () => {
  let upstream: RunningGateway;
  let dir: string;
  let proxy: ChildGateway;
  let cli: AwsCli;

  beforeAll(async () => {
    upstream = await startGateway();
    await upstream.s3().send(new CreateBucketCommand({ Bucket: 'meta' }));
    dir = await mkdtemp(join(tmpdir(), 'tracegw-s3-cli-'));
    proxy = await spawnGateway(dir, [], {
      backend: ['s3', '--endpoint', upstream.endpoint, '--use-path-style', '--meta-bucket', 'meta'],
      env: { ROOT_ACCESS_KEY: PROXY_ROOT.access, ROOT_SECRET_KEY: PROXY_ROOT.secret, VGW_S3_ACCESS_KEY: TEST_ROOT_ACCESS, VGW_S3_SECRET_KEY: TEST_ROOT_SECRET },
    });
    cli = await awsCliFor({ endpoint: proxy.endpoint, rootCredentials: PROXY_ROOT });
  });
  afterAll(async () => {
    await proxy?.stop();
    await cli?.dispose();
    await upstream?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes a bucket, copies files up (multipart too) and down, lists and removes them, all upstream', async () => {
    await cli.aws('s3', 'mb', 's3://via-proxy');
    const small = join(cli.work, 'small.txt');
    const big = join(cli.work, 'big.bin');
    await writeFile(small, 'through the proxy\n');
    await writeFile(big, Buffer.alloc(20 * 1024 * 1024, 3));
    await cli.aws('s3', 'cp', small, 's3://via-proxy/docs/small.txt');
    await cli.aws('s3', 'cp', big, 's3://via-proxy/big.bin');

    const listing = await cli.aws('s3', 'ls', 's3://via-proxy', '--recursive');
    expect(listing).toContain('docs/small.txt');
    expect(listing).toContain('big.bin');
    const head = await upstream.s3().send(new HeadObjectCommand({ Bucket: 'via-proxy', Key: 'big.bin' }));
    expect(head.ContentLength).toBe(20 * 1024 * 1024);
    expect(head.ETag).toMatch(/-\d+"$/);

    const back = join(cli.work, 'back.bin');
    await cli.aws('s3', 'cp', 's3://via-proxy/big.bin', back);
    const digest = async (file: string): Promise<string> => createHash('md5').update(await readFile(file)).digest('hex');
    expect(await digest(back)).toBe(await digest(big));

    await cli.aws('s3', 'rm', 's3://via-proxy', '--recursive');
    await cli.aws('s3', 'rb', 's3://via-proxy');
    expect(await cli.aws('s3', 'ls')).not.toContain('via-proxy');
  });

  it('keeps its journal and root account in its own directory, and refuses the upstream’s keys', async () => {
    await expect(readFile(join(dir, '.tracegw', 'journal.db'))).resolves.toBeDefined();
    const upstreamKeys = await awsCliFor({ endpoint: proxy.endpoint, rootCredentials: upstream.rootCredentials });
    try {
      await expect(upstreamKeys.aws('s3', 'ls')).rejects.toThrow(/InvalidAccessKeyId/);
    } finally {
      await upstreamKeys.dispose();
    }
  });
});
