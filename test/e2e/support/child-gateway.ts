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

export interface ChildGateway {
  port: number;
  endpoint: string;
  process: ChildProcess;
  /** Resident set size of the gateway process now, in bytes (from /proc). */
  rssBytes(): Promise<number>;
  output(): string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** The script the child runs: dist/main.js, or a test entry that wraps it (pausing-gateway.js). */
  entry?: string;
}

/** The built gateway (`dist/main.js`, as `npm test` builds it) in its own process, as users run it. */
export async function spawnGateway(root: string, extraArgs: string[] = [], { entry = MAIN }: SpawnOptions = {}): Promise<ChildGateway> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  // Another port in the arguments (--admin-port) was also just released: never hand out the same one.
  const taken = new Set(extraArgs.flatMap((arg) => /:(\d+)$/.exec(arg)?.[1] ?? []).map(Number));
  let port = await freePort();
  while (taken.has(port)) port = await freePort();
  const child = spawn(process.execPath, [entry, '--port', `127.0.0.1:${port}`, '--quiet', ...extraArgs, 'posix', root], {
    env: { ...process.env, ROOT_ACCESS_KEY: TEST_ROOT_ACCESS, ROOT_SECRET_KEY: TEST_ROOT_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}: ${output}`);
    const up = await fetch(endpoint).then(
      () => true,
      () => false,
    );
    if (up) break;
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
