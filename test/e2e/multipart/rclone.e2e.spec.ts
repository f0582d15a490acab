import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningGateway, startGateway } from '../support/gateway';
import { rcloneFor } from '../support/rclone';

const MiB = 1024 * 1024;
const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');

/**
 * rclone (Debian's package, installed by .ci/run when missing): a Go client, which escapes the
 * quotes of every ETag in CompleteMultipartUpload as `&#34;`, and asks GetBucketVersioning
 * before a purge.
 */
describe('rclone against a real gateway', () => {
  let gw: RunningGateway;
  let work: string;
  beforeAll(async () => {
    gw = await startGateway();
    work = await mkdtemp(join(tmpdir(), 'tracegw-rclone-'));
  });
  afterAll(async () => {
    await gw.stop();
    await rm(work, { recursive: true, force: true });
  });

  const rclone = (...args: string[]) => rcloneFor(gw, work)(...args);

  it('uploads in parts, checks, downloads, moves and purges without an error', async () => {
    const data = randomBytes(12 * MiB + 3);
    await writeFile(join(work, 'twelve.bin'), data);
    await rclone('mkdir', 'tgw:rclone-mp');
    // 5 MiB parts from 5 MiB up: three parts, completed with &#34;-escaped ETags.
    await rclone('copyto', join(work, 'twelve.bin'), 'tgw:rclone-mp/dir/twelve.bin', '--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M');
    expect(md5(await readFile(join(gw.root, 'rclone-mp', 'dir', 'twelve.bin')))).toBe(md5(data));

    // rclone keeps the MD5 of a multipart upload in its metadata and compares it here.
    const checked = await rclone('check', work, 'tgw:rclone-mp/dir', '--include', 'twelve.bin');
    expect(checked.stderr).toMatch(/0 differences found/);
    await rclone('copyto', 'tgw:rclone-mp/dir/twelve.bin', join(work, 'back.bin'));
    expect(md5(await readFile(join(work, 'back.bin')))).toBe(md5(data));

    // A move on the server: CopyObject, then DeleteObject of the source.
    await rclone('moveto', 'tgw:rclone-mp/dir/twelve.bin', 'tgw:rclone-mp/moved.bin');
    expect(md5(await readFile(join(gw.root, 'rclone-mp', 'moved.bin')))).toBe(md5(data));
    expect((await rclone('lsf', '-R', 'tgw:rclone-mp')).stdout.split('\n').filter(Boolean)).toEqual(['moved.bin']);

    const purged = await rclone('purge', 'tgw:rclone-mp', '-v');
    expect(purged.stderr).not.toMatch(/ERROR/);
    expect((await readdir(gw.root)).filter((name) => !name.startsWith('.'))).toEqual([]);
  });
});
