import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningGateway, startGateway } from '../support/gateway';

const run = promisify(execFile);
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

  /** `rclone ...args` with the remote `tgw:` pointing at the gateway; resolves stdout and stderr. */
  async function rclone(...args: string[]): Promise<{ stdout: string; stderr: string }> {
    // rclone refuses to start with AWS_CA_BUNDLE set on a plain-HTTP remote; nothing here is TLS.
    const { AWS_CA_BUNDLE: _unused, ...env } = process.env;
    return run('rclone', ['--config', join(work, 'rclone.conf'), '--retries', '1', '--low-level-retries', '1', ...args], {
      env: {
        ...env,
        RCLONE_CONFIG_TGW_TYPE: 's3',
        RCLONE_CONFIG_TGW_PROVIDER: 'Other',
        RCLONE_CONFIG_TGW_ACCESS_KEY_ID: gw.rootCredentials.access,
        RCLONE_CONFIG_TGW_SECRET_ACCESS_KEY: gw.rootCredentials.secret,
        RCLONE_CONFIG_TGW_ENDPOINT: gw.endpoint,
        RCLONE_CONFIG_TGW_REGION: 'us-east-1',
      },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  }

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
