import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { rcloneFor } from '../support/rclone';
import { type ProxiedGateway, startProxiedGateway } from './s3proxy-gateway';

/** rclone through a tracegw s3 in front of a tracegw posix: sync of a tree (a multipart file in it), listing, check, purge. */
describe('s3proxy backend with rclone (tracegw s3 → tracegw posix)', () => {
  let gw: ProxiedGateway;
  let work: string;
  let rclone: ReturnType<typeof rcloneFor>;

  beforeAll(async () => {
    gw = await startProxiedGateway();
    work = await mkdtemp(join(tmpdir(), 'tracegw-s3proxy-rclone-'));
    rclone = rcloneFor(gw.proxy, work);
  });
  afterAll(async () => {
    await gw?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('syncs a tree up and back, multipart above the cutoff, and purges it, all upstream', async () => {
    const tree = join(work, 'tree');
    await mkdir(join(tree, 'a', 'b'), { recursive: true });
    await writeFile(join(tree, 'top.txt'), 'top\n');
    await writeFile(join(tree, 'a', 'b', 'deep.txt'), 'deep\n');
    await writeFile(join(tree, 'a', 'eleven.bin'), Buffer.alloc(11 * 1024 * 1024, 5));

    await rclone('mkdir', 'tgw:synced');
    await rclone('sync', tree, 'tgw:synced', '--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M');
    expect((await rclone('lsf', '-R', '--files-only', 'tgw:synced')).stdout.trim().split('\n').sort()).toEqual(['a/b/deep.txt', 'a/eleven.bin', 'top.txt']);
    const big = await gw.upstream.s3().send(new HeadObjectCommand({ Bucket: 'synced', Key: 'a/eleven.bin' }));
    expect(big.ETag).toMatch(/-3"$/);
    await rclone('check', tree, 'tgw:synced');

    const back = join(work, 'back');
    await rclone('sync', 'tgw:synced', back);
    expect((await readFile(join(back, 'a', 'eleven.bin'))).equals(await readFile(join(tree, 'a', 'eleven.bin')))).toBe(true);
    await rclone('purge', 'tgw:synced');
    expect((await rclone('lsd', 'tgw:')).stdout).not.toContain('synced');
  });
});
