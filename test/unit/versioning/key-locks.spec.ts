import { KeyLocks } from '../../../src/backends/posix/versioning/key-locks';

describe('KeyLocks', () => {
  it('runs the changes of one key one after the other, in the order they came', async () => {
    const locks = new KeyLocks();
    const steps: string[] = [];
    const change = (name: string, ms: number) =>
      locks.run('bucket\0key', async () => {
        steps.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        steps.push(`${name} end`);
      });
    await Promise.all([change('a', 20), change('b', 1), change('c', 5)]);
    expect(steps).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('never holds up another key, and goes on after a change that failed', async () => {
    const locks = new KeyLocks();
    const steps: string[] = [];
    let release!: () => void;
    const slow = locks.run('one', () => new Promise<void>((resolve) => (release = resolve)));
    await locks.run('two', async () => {
      steps.push('two ran while one waits');
    });
    release();
    await slow;
    await expect(locks.run('one', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await locks.run('one', async () => 'after the failure')).toBe('after the failure');
    expect(steps).toEqual(['two ran while one waits']);
  });
});
