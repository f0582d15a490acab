/**
 * How many part copies run at once in one backend, across every CompleteMultipartUpload in
 * flight. A kernel copy holds one of libuv's four pool threads for as long as it runs, and the
 * device is what limits copies anyway: two keep it busy and leave the other pool threads to
 * every other request's file calls, however many uploads complete at the same time. Waiting
 * copies start in the order they asked.
 */
export class CopySlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  async run<T>(copy: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await copy();
    } finally {
      // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
