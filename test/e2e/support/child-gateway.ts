import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from './test-config';

const MAIN = join(__dirname, '..', '..', '..', 'dist', 'main.js');

/** A port the kernel just handed out and released: good enough for one child on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface SpawnOptions {
  /**
   * --workers: 1 unless given (one process, no cluster, as the tests written before the cluster
   * expect, whatever this machine's core count). With more, the child runs without --quiet: the
   * primary's line naming its workers is how it says that every one serves.
   */
  workers?: number;
  /** Added to this process's environment for the child: posix options as their VGW_* variables, test hooks. */
  env?: Record<string, string>;
  /** The script the child runs: dist/main.js unless a test entry that wraps it is given (pausing-gateway.js). */
  entry?: string;
  /**
   * The backend command and its options instead of `posix <root>` (`['s3', '--endpoint', ...]`);
   * the child then runs in `root`, where such a command keeps its .tracegw.
   */
  backend?: string[];
  /**
   * The child counts as started once this holds of its output, not once it serves: a crash test
   * that stops it for good in its start-up (the multipart recovery) kills it there.
   */
  readyWhen?: (output: string) => boolean;
}

/** The primary's start-up line names the workers' pids once every one of them serves. */
const CLUSTER_SERVING = /S3 gateway on .*, \d+ workers \(pids ([\d, ]+)\)/;

export interface ChildGateway {
  port: number;
  endpoint: string;
  process: ChildProcess;
  /** Resident set size of the gateway process now, in bytes (from /proc). */
  rssBytes(): Promise<number>;
  output(): string;
  stop(): Promise<void>;
}

/** The built gateway (`dist/main.js`, as `npm test` builds it) in its own process, as users run it. */
export async function spawnGateway(root: string, extraArgs: string[] = [], options: SpawnOptions = {}): Promise<ChildGateway> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  // Another port in the arguments (--admin-port) was also just released: never hand out the same one.
  const taken = new Set(extraArgs.flatMap((arg) => /:(\d+)$/.exec(arg)?.[1] ?? []).map(Number));
  let port = await freePort();
  while (taken.has(port)) port = await freePort();
  const workers = options.workers ?? 1;
  const quiet = workers === 1 ? ['--quiet'] : [];
  const entry = options.entry ?? MAIN;
  const backend = options.backend ?? ['posix', root];
  const child = spawn(process.execPath, [entry, '--port', `127.0.0.1:${port}`, '--workers', String(workers), ...quiet, ...extraArgs, ...backend], {
    ...(options.backend !== undefined ? { cwd: root } : {}),
    env: { ...process.env, ROOT_ACCESS_KEY: TEST_ROOT_ACCESS, ROOT_SECRET_KEY: TEST_ROOT_SECRET, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}: ${output}`);
    if (options.readyWhen?.(output)) break;
    const up = await fetch(endpoint).then(
      () => true,
      () => false,
    );
    if (up && options.readyWhen === undefined && (workers === 1 || CLUSTER_SERVING.test(output))) break;
    if (Date.now() > deadline) throw new Error(`gateway did not start within 20 s: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    endpoint,
    process: child,
    async rssBytes() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
      return kib * 1024;
    },
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
