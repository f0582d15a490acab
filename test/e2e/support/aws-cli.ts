import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type RunningGateway, startGateway } from './gateway';

const run = promisify(execFile);

export interface AwsCli {
  /** A scratch directory for files to copy (and aws-cli's own config). */
  work: string;
  /** `aws --endpoint-url <gateway> ...args` as the root account, path-style; resolves stdout. */
  aws(...args: string[]): Promise<string>;
  dispose(): Promise<void>;
}

/** aws-cli (installed by .ci/run when the machine lacks it) pointed at a gateway, isolated from any user config. */
export async function awsCliFor(gw: Pick<RunningGateway, 'endpoint' | 'rootCredentials'>, options: { timeoutMs?: number } = {}): Promise<AwsCli> {
  const work = await mkdtemp(join(tmpdir(), 'tracegw-awscli-'));
  await writeFile(join(work, 'aws-config'), '[default]\ns3 =\n    addressing_style = path\n');
  return {
    work,
    async aws(...args) {
      const { stdout } = await run('aws', ['--endpoint-url', gw.endpoint, ...args], {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: gw.rootCredentials.access,
          AWS_SECRET_ACCESS_KEY: gw.rootCredentials.secret,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(work, 'aws-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(work, 'aws-credentials'),
        },
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      return stdout;
    },
    dispose: () => rm(work, { recursive: true, force: true }),
  };
}

export interface AwsCliGateway {
  /** Set before the block's first test. */
  gw: RunningGateway;
  cli: AwsCli;
  aws(...args: string[]): Promise<string>;
}

/** A gateway and aws-cli for the enclosing describe block: started before its tests, stopped after them. */
export function useAwsCliGateway(options: { timeoutMs?: number } = {}): AwsCliGateway {
  const ctx = { aws: (...args: string[]) => ctx.cli.aws(...args) } as AwsCliGateway;
  beforeAll(async () => {
    ctx.gw = await startGateway();
    ctx.cli = await awsCliFor(ctx.gw, options);
  });
  afterAll(async () => {
    await ctx.gw.stop();
    await ctx.cli.dispose();
  });
  return ctx;
}
