/**
 * Keeps the `capacity` smallest items offered (a max-heap). A directory of a million files is
 * read as a stream through this, so listing one page holds a page's worth of names in memory,
 * not the whole directory. Until it is full the items are only collected, in the order offered:
 * a directory that fits (the usual case) costs no heap work, and its final sort is one
 * comparison an item when the items came in order.
 */
export class SmallestK<T> {
  private readonly heap: T[] = [];
  /** True once an item was dropped (or refused) for lack of room. */
  overflowed = false;

  constructor(
    private readonly capacity: number,
    private readonly compare: (a: T, b: T) => number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  offer(item: T): void {
    const heap = this.heap;
    if (heap.length < this.capacity) {
      heap.push(item);
      return;
    }
    if (!this.overflowed) {
      this.overflowed = true;
      this.heapify();
    }
    if (this.compare(item, heap[0]) >= 0) return;
    heap[0] = item;
    this.siftDown(0);
  }

  /** The kept items in ascending order; the heap is left empty. */
  drainSorted(): T[] {
    const items = this.heap.splice(0, this.heap.length);
    return items.sort(this.compare);
  }

  /** Turns the collected items into a max-heap, bottom-up (linear time). */
  private heapify(): void {
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const n = heap.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < n && this.compare(heap[left], heap[largest]) > 0) largest = left;
      if (right < n && this.compare(heap[right], heap[largest]) > 0) largest = right;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest], heap[i]];
      i = largest;
    }
  }
}
