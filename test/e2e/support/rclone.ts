import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningGateway } from './gateway';

const run = promisify(execFile);

/**
 * `rclone ...args` (Debian's package, installed by .ci/run when missing) with the remote `tgw:`
 * pointing at the gateway as its root account, its config in `work`; resolves stdout and stderr.
 * `remote`: more of the remote's settings as RCLONE_CONFIG_TGW_* variables (e.g. { V2_AUTH: 'true' }).
 */
export function rcloneFor(
  gw: RunningGateway,
  work: string,
  remote: Readonly<Record<string, string>> = {},
): (...args: string[]) => Promise<{ stdout: string; stderr: string }> {
  const settings = Object.fromEntries(Object.entries(remote).map(([name, value]) => [`RCLONE_CONFIG_TGW_${name}`, value]));
  return (...args) => {
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
        ...settings,
      },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  };
}
