/**
 * Runs at most `limit` tasks at once; the others wait in order. Listing stats and reads xattrs of up
 * to a thousand files per page: all at once would flood libuv's small thread pool (and delay every
 * other request's file I/O behind it), one at a time would leave the disk idle.
 */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    running--;
    const nextTask = waiting.shift();
    if (nextTask) nextTask();
  };

  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        running++;
        let pending: Promise<T>;
        try {
          pending = task();
        } catch (err) {
          pending = Promise.reject(err);
        }
        pending.then(resolve, reject).finally(release);
      };
      if (running < limit) start();
      else waiting.push(start);
    });
}
