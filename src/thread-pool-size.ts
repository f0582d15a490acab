/**
 * The size of libuv's thread pool, set before anything uses the pool (libuv reads
 * UV_THREADPOOL_SIZE once, when the first job is queued): main.ts imports this module first.
 *
 * Every file-system call of the posix backend, and every native call of the addon, runs on that
 * pool, and a PUT holds a thread for the whole of its fdatasync, which waits on the device. With
 * libuv's default of 4 threads at most four flushes are ever in flight, though ext4 commits
 * concurrent flushes together (the issue measured 4 KiB files with fdatasync before the link at
 * 860/s from 1 thread, 1,260/s from 4 and 2,390/s from 16). 32 gives each of the benchmark's 16
 * connections a thread while its flush waits, and as many again to GETs and listings meanwhile.
 * Measured with PUT 4 KiB on one core (docs/performance-put.md): 4, 8, 16, 32 and 64 threads gave
 * the same CPU per PUT within the noise, so more threads cost nothing measurable where the
 * flushes are quick, and lift the cap where they are slow; an idle thread costs a stack of
 * virtual memory. An explicit UV_THREADPOOL_SIZE is left as it is.
 */
export const DEFAULT_THREAD_POOL_SIZE = 32;

/** The value to give UV_THREADPOOL_SIZE, or undefined where the environment names one already. */
export function threadPoolSizeFor(env: NodeJS.ProcessEnv): string | undefined {
  const given = env.UV_THREADPOOL_SIZE;
  return given !== undefined && given.trim() !== '' ? undefined : String(DEFAULT_THREAD_POOL_SIZE);
}

const size = threadPoolSizeFor(process.env);
if (size !== undefined) process.env.UV_THREADPOOL_SIZE = size;
