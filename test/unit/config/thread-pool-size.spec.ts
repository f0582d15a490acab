import { DEFAULT_THREAD_POOL_SIZE, threadPoolSizeFor } from '../../../src/thread-pool-size';

describe('the thread pool size set before libuv starts its pool', () => {
  it('is the default where the environment names none (or an empty one)', () => {
    expect(threadPoolSizeFor({})).toBe(String(DEFAULT_THREAD_POOL_SIZE));
    expect(threadPoolSizeFor({ UV_THREADPOOL_SIZE: ' ' })).toBe(String(DEFAULT_THREAD_POOL_SIZE));
  });

  it("leaves an operator's UV_THREADPOOL_SIZE as it is", () => {
    expect(threadPoolSizeFor({ UV_THREADPOOL_SIZE: '8' })).toBeUndefined();
  });

  it('is well above libuv\'s 4, so concurrent PUTs overlap their fdatasyncs', () => {
    expect(DEFAULT_THREAD_POOL_SIZE).toBeGreaterThanOrEqual(16);
  });
});
