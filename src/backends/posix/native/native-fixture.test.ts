import { execFileSync } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NativeFs } from '../native.types';
import { loadNativeFs } from './native-fs';

/**
 * For the addon's specs: the real addon, and a fresh directory per test on the machine's file
 * system (these calls are thin, so mocks would test nothing). Call inside a describe block.
 */
export function useNativeFixture(): { native: () => NativeFs; dir: () => string; file(name: string, data?: Buffer | string): Promise<string> } {
  let native: NativeFs;
  let dir: string;
  beforeAll(() => {
    native = loadNativeFs();
  });
  beforeEach(async () => {
    dir = await fsp.mkdtemp(join(tmpdir(), 'tracegw-native-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });
  return {
    native: () => native,
    dir: () => dir,
    async file(name, data = '') {
      const path = join(dir, name);
      await fsp.writeFile(path, data);
      return path;
    },
  };
}

/** Opens input read-only and output read-write, runs `fn`, closes both. */
export async function withFds<T>(inPath: string, outPath: string, fn: (fdIn: number, fdOut: number) => Promise<T>): Promise<T> {
  const input = await fsp.open(inPath, 'r');
  const output = await fsp.open(outPath, 'r+');
  try {
    return await fn(input.fd, output.fd);
  } finally {
    await input.close();
    await output.close();
  }
}

/**
 * Drops a file's clean pages from the page cache (GNU dd's iflag=nocache: POSIX_FADV_DONTNEED on
 * the whole file), from every CPU in turn: pages still in another CPU's batch of pages on their
 * way to the LRU lists are skipped by an fadvise on this one. A page the kernel holds on to for a
 * moment (under writeback, locked, in a batch refilled meanwhile) is skipped too, so the drop is
 * repeated until util-linux's fincore finds nothing resident; a file that stays cached fails the
 * test here, with a message that says so, rather than as a wrong count further on.
 */
export function evictFromPageCache(path: string): void {
  for (let attempt = 0; attempt < EVICTION_ATTEMPTS; attempt++) {
    for (let cpu = 0; cpu < availableParallelism(); cpu++) {
      execFileSync('taskset', ['-c', String(cpu), 'dd', `if=${path}`, 'iflag=nocache', 'count=0', 'status=none']);
    }
    if (residentBytes(path) === 0) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, EVICTION_PAUSE_MS);
  }
  throw new Error(`${path} stays in the page cache after ${EVICTION_ATTEMPTS} attempts to drop it`);
}

const EVICTION_ATTEMPTS = 20;
const EVICTION_PAUSE_MS = 25;

/** Bytes of the file in the page cache, from util-linux's fincore. */
function residentBytes(path: string): number {
  return Number(execFileSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', path]).toString().trim());
}
