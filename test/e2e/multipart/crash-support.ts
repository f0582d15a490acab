import { once } from 'node:events';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';

/** The built gateway wrapped by the test entry that supplies pause points. */
const PAUSING_GATEWAY = join(__dirname, '..', 'support', 'pausing-gateway.js');

/**
 * The built gateway in a child process, with extra environment: posix options as their VGW_*
 * variables (spawnGateway's arguments go before the `posix` command), and TRACEGW_TEST_PAUSE_AT,
 * which runs it through the test entry that stops it for good at that point of a
 * CompleteMultipartUpload or a removal (test/e2e/support/pausing-gateway.js).
 */
export function startChild(root: string, env: Record<string, string> = {}): Promise<ChildGateway> {
  return spawnGateway(root, [], { env, entry: env.TRACEGW_TEST_PAUSE_AT === undefined ? undefined : PAUSING_GATEWAY });
}

/** kill -9: no shutdown hook, no flush, no cleanup runs. */
export async function killHard(child: ChildGateway): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = once(child.process, 'exit');
  child.process.kill('SIGKILL');
  await exited;
}

/** An SDK client that does not retry: a request cut by the kill fails at once. */
export function clientOf(child: ChildGateway): S3Client {
  return new S3Client({
    endpoint: child.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    maxAttempts: 1,
    credentials: { accessKeyId: TEST_ROOT_ACCESS, secretAccessKey: TEST_ROOT_SECRET },
  });
}

/** Waits (bounded: 20 s) until `ready` holds; for sequencing with another process, never for timing. */
export async function until(ready: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
