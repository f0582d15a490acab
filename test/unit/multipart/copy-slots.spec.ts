import { CopySlots } from '../../../src/backends/posix/multipart/copy-slots';

/** A copy the test finishes by hand. */
function pendingCopy() {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { done, finish, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CopySlots', () => {
  it('runs at most `size` copies at once; the others start in the order they asked', async () => {
    const slots = new CopySlots(2);
    const started: number[] = [];
    const copies = [0, 1, 2, 3].map(() => pendingCopy());
    const runs = copies.map((copy, i) =>
      slots.run(async () => {
        started.push(i);
        await copy.done;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    copies[1].finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    copies[0].finish();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    copies[2].finish();
    copies[3].finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
  });

  it('gives the slot of a failed copy to the next one, and reports the failure to its caller', async () => {
    const slots = new CopySlots(1);
    const first = pendingCopy();
    const failing = slots.run(() => first.done);
    const next = slots.run(async () => 'ran');
    first.fail(new Error('EIO'));
    await expect(failing).rejects.toThrow('EIO');
    await expect(next).resolves.toBe('ran');
    // And the slot is free again afterwards.
    await expect(slots.run(async () => 'again')).resolves.toBe('again');
  });
});
