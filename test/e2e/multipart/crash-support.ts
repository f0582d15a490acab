import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type ChildGateway, spawnGateway } from '../support/child-gateway';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';

/** The built gateway wrapped by the test entry that supplies the crash-test hooks. */
const PAUSING_GATEWAY = join(__dirname, '..', 'support', 'pausing-gateway.js');

/** What makes a child run through the test entry rather than dist/main.js. */
const TEST_HOOKS = ['TRACEGW_TEST_PAUSE_AT', 'TRACEGW_TEST_BLOCK_MOVER'];

/**
 * The built gateway in a child process, with extra environment: posix options as their VGW_*
 * variables (spawnGateway's arguments go before the backend command, `posix <root>` unless
 * `backend` is given), and the test hooks, which run it through the test entry: TRACEGW_TEST_PAUSE_AT
 * stops it for good at that point of a CompleteMultipartUpload or a removal, TRACEGW_TEST_BLOCK_MOVER
 * gives the scoutfs backend a block mover that runs here (test/e2e/support/pausing-gateway.js).
 */
export function startChild(root: string, env: Record<string, string> = {}, backend?: string[], readyWhen?: (output: string) => boolean): Promise<ChildGateway> {
  const hooked = TEST_HOOKS.some((name) => env[name] !== undefined);
  return spawnGateway(root, [], { env, entry: hooked ? PAUSING_GATEWAY : undefined, ...(backend !== undefined ? { backend } : {}), ...(readyWhen ? { readyWhen } : {}) });
}

/** What the test entry prints when it stops for good at `point` (pausing-gateway.js). */
export const pausedLine = (point: string): string => `tracegw test pause: ${point}`;

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

/** A test's directory and the gateway it kills and restarts on it, set up and torn down around each test. */
export interface CrashHarness {
  readonly root: string;
  /** The gateway started last (throws before the first start). */
  readonly child: ChildGateway;
  /** (Re)starts the gateway on the directory and answers a client of it; startChild's arguments. */
  start(env?: Record<string, string>, backend?: string[]): Promise<S3Client>;
  /**
   * (Re)starts the gateway with `env` (TRACEGW_TEST_PAUSE_AT set) and resolves once it stopped at
   * that point before serving: a pause in the start-up recovery, for a kill there.
   */
  startUntilPaused(env: Record<string, string>, backend?: string[]): Promise<void>;
  /** kill -9 of the gateway, if it runs. */
  crash(): Promise<void>;
}

/** Registers beforeEach/afterEach: a fresh directory per test, the gateway killed and the directory removed after it. */
export function useCrashHarness(prefix: string): CrashHarness {
  let root: string | undefined;
  let child: ChildGateway | undefined;
  let s3: S3Client | undefined;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    s3?.destroy();
    if (child) await killHard(child);
    child = undefined;
    if (root) await rm(root, { recursive: true, force: true });
  });
  return {
    get root() {
      if (root === undefined) throw new Error('no test directory outside a test');
      return root;
    },
    get child() {
      if (child === undefined) throw new Error('no gateway started');
      return child;
    },
    async start(env = {}, backend) {
      s3?.destroy();
      child = await startChild(this.root, env, backend);
      s3 = clientOf(child);
      return s3;
    },
    async startUntilPaused(env, backend) {
      const point = env.TRACEGW_TEST_PAUSE_AT;
      if (point === undefined) throw new Error('startUntilPaused needs TRACEGW_TEST_PAUSE_AT');
      s3?.destroy();
      s3 = undefined;
      child = await startChild(this.root, env, backend, (output) => output.includes(pausedLine(point)));
    },
    async crash() {
      if (child) await killHard(child);
    },
  };
}

/** The part numbers and sizes ListParts shows. */
export const listedParts = async (client: S3Client, Bucket: string, Key: string, UploadId: string) =>
  ((await client.send(new ListPartsCommand({ Bucket, Key, UploadId }))).Parts ?? []).map((p) => [p.PartNumber, p.Size]);

/** The keys and upload ids ListMultipartUploads shows. */
export const listedUploads = async (client: S3Client, Bucket: string) =>
  ((await client.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads ?? []).map((u) => [u.Key, u.UploadId]);

export const objectBytes = async (client: S3Client, Bucket: string, Key: string) =>
  Buffer.from(await (await client.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToByteArray());

/** A bucket, an upload in it and its parts, numbered from 1: the upload id and the list Complete takes. */
export async function beginUpload(client: S3Client, Bucket: string, Key: string, parts: readonly Buffer[]) {
  await client.send(new CreateBucketCommand({ Bucket }));
  const UploadId = (await client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId!;
  const listed = [];
  for (const [i, Body] of parts.entries()) {
    const out = await client.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: i + 1, Body }));
    listed.push({ PartNumber: i + 1, ETag: out.ETag });
  }
  return { UploadId, listed };
}
