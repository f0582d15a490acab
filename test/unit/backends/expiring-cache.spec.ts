import { ExpiringCache } from '../../../src/backends/common/expiring-cache';

describe('ExpiringCache (bucket owners for the access check)', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000;
  });

  it('loads once, serves the value until it expires, then loads again', async () => {
    const cache = new ExpiringCache<string, string>(1000, 10, now);
    const load = jest.fn(async () => `owner@${clock}`);
    expect(await cache.get('b', load)).toBe('owner@1000');
    clock += 999;
    expect(await cache.get('b', load)).toBe('owner@1000');
    expect(load).toHaveBeenCalledTimes(1);
    clock += 1;
    expect(await cache.get('b', load)).toBe('owner@2000');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('peeks at a fresh value without loading, and at nothing once it expired', async () => {
    const cache = new ExpiringCache<string, string>(1000, 10, now);
    expect(cache.peek('b')).toBeUndefined();
    await cache.get('b', async () => 'alice');
    expect(cache.peek('b')).toBe('alice');
    clock += 1000;
    expect(cache.peek('b')).toBeUndefined();
  });

  it('forgets a key at once, and keeps no failure', async () => {
    const cache = new ExpiringCache<string, string>(1000, 10, now);
    await cache.get('b', async () => 'alice');
    cache.forget('b');
    expect(await cache.get('b', async () => 'bob')).toBe('bob');
    await expect(cache.get('missing', async () => Promise.reject(new Error('NoSuchBucket')))).rejects.toThrow('NoSuchBucket');
    expect(await cache.get('missing', async () => 'created since')).toBe('created since');
  });

  it('keeps no value whose load was under way when the cache was told of a change', async () => {
    const cache = new ExpiringCache<string, string>(1000, 10, now);
    let finishLoad!: (value: string) => void;
    const slowLoad = cache.get('b', () => new Promise<string>((resolve) => (finishLoad = resolve)));
    // The change lands while the read of the old value is still on its way.
    cache.forget('b');
    finishLoad('before the change');
    expect(await slowLoad).toBe('before the change');
    expect(cache.peek('b')).toBeUndefined();
    expect(await cache.get('b', async () => 'after the change')).toBe('after the change');
    const clearedLoad = cache.get('c', () => new Promise<string>((resolve) => (finishLoad = resolve)));
    cache.clear();
    finishLoad('stale');
    await clearedLoad;
    expect(cache.peek('c')).toBeUndefined();
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const cache = new ExpiringCache<number, number>(60_000, 3, now);
    for (const key of [1, 2, 3, 4]) await cache.get(key, async () => key);
    const reload = jest.fn(async () => -1);
    expect(await cache.get(1, reload)).toBe(-1);
    expect(await cache.get(4, reload)).toBe(4);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('disposes of every value it drops: expired, pushed out, forgotten, cleared; keeps no undefined', () => {
    const disposed: number[] = [];
    const cache = new ExpiringCache<string, number>(1000, 2, now, (value) => disposed.push(value));
    expect(cache.getSync('a', () => 1)).toBe(1);
    expect(cache.getSync('a', () => 99)).toBe(1);
    clock += 1000;
    expect(cache.getSync('a', () => 2)).toBe(2);
    cache.getSync('b', () => 3);
    cache.getSync('c', () => 4);
    cache.forget('c');
    expect(cache.getSync('d', () => undefined)).toBeUndefined();
    cache.getSync('e', () => 5);
    cache.clear();
    expect(disposed).toEqual([1, 2, 4, 3, 5]);
  });
});

