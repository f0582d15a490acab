import { createLimiter } from '../../../src/backends/posix/listing/limiter';
import { SmallestK } from '../../../src/backends/posix/listing/smallest-k';
import { rng } from './s3-list-reference';

describe('SmallestK', () => {
  it('keeps the k smallest of a stream, sorted, and says whether it dropped any', () => {
    const random = rng(5);
    for (let round = 0; round < 200; round++) {
      const k = 1 + Math.floor(random() * 10);
      const items = Array.from({ length: Math.floor(random() * 30) }, () => Math.floor(random() * 50));
      const keep = new SmallestK<number>(k, (a, b) => a - b);
      items.forEach((n) => keep.offer(n));
      expect(keep.drainSorted()).toEqual([...items].sort((a, b) => a - b).slice(0, k));
      expect(keep.overflowed).toBe(items.length > k);
    }
  });

  it('refuses a capacity below 1', () => {
    expect(() => new SmallestK<number>(0, (a, b) => a - b)).toThrow(RangeError);
  });
});

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once and all of them eventually, in order', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          started.push(i);
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it('frees the slot of a task that fails, even synchronously', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('async')))).rejects.toThrow('async');
    await expect(
      limit(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    await expect(limit(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });

  it('refuses a limit below 1', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
