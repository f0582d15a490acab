import { writev } from 'node:fs';
import type { NativeFs, NativeObjectWrites } from './native.types';

/**
 * A streamed body goes to its file in batches of this many bytes, each one trip through the thread
 * pool (a 64 KiB socket chunk per trip would be sixteen wake-ups a MiB). Large enough for the
 * device to see big sequential writes, small enough that two in flight per upload stay cheap.
 */
export const BATCH_BYTES = 1 << 20;
/**
 * Batches in flight per upload: one being written while the next fills, so the disk and the
 * socket work at the same time; past that the body waits (backpressure on the client).
 */
const IN_FLIGHT = 2;
/** O_DIRECT writes whole blocks from memory aligned to them. */
export const DIRECT_ALIGN = 4096;
/**
 * Aligned staging memory kept for reuse between uploads. Fresh memory costs a page fault per
 * page (on a VM, a host fault too), which is what O_DIRECT is there to avoid.
 */
const STAGING_KEPT = 8;

const spareStaging: Buffer[] = [];

/** What the writer needs of the addon: the batch write, and aligned memory for O_DIRECT. */
export type ChunkWrites = Pick<NativeObjectWrites, 'writeChunks'> & Pick<NativeFs, 'allocAligned'>;

function takeStaging(native: ChunkWrites): Buffer {
  return spareStaging.pop() ?? native.allocAligned(BATCH_BYTES);
}

function returnStaging(buffer: Buffer): void {
  if (spareStaging.length < STAGING_KEPT) spareStaging.push(buffer);
}

/** Where a batched body goes: the file's descriptor, and its O_DIRECT twin (-1: none). */
export interface BatchTarget {
  fd: number;
  directFd: number;
}

/**
 * Writes a body to a file as it arrives, in batches (BATCH_BYTES, IN_FLIGHT at a time), through
 * the O_DIRECT twin where there is one. The chunks are not copied in JavaScript: a batch is a
 * list of the body's own Buffers (the last one maybe a subarray), which the native call gathers
 * on the worker thread. Batches other than the last are whole blocks, so every direct write
 * starts on a block boundary.
 */
export class BatchedWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private offset = 0;
  private inFlight = 0;
  private direct: boolean;
  private failure: { err: unknown } | undefined;
  private readonly idle: Array<() => void> = [];

  constructor(
    private readonly native: ChunkWrites,
    private readonly target: BatchTarget,
  ) {
    this.direct = target.directFd >= 0;
  }

  /** Bytes handed to the file so far (written or being written). */
  get bytesQueued(): number {
    return this.offset;
  }

  /** Takes the next chunk; resolves when the body may go on (undefined: at once). Throws a write that failed. */
  take(chunk: Buffer): Promise<void> | undefined {
    if (this.failure) throw this.failure.err;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= BATCH_BYTES && this.inFlight < IN_FLIGHT) this.send(false);
    return this.pendingBytes >= BATCH_BYTES ? this.slotFree() : undefined;
  }

  /** Writes what is left and waits for every write; throws the first failure. */
  async end(): Promise<void> {
    while (!this.failure && (this.pendingBytes > 0 || this.inFlight > 0)) {
      if (this.pendingBytes > 0 && this.inFlight < IN_FLIGHT) this.send(true);
      else await this.slotFree();
    }
    await this.abandon();
    if (this.failure) throw this.failure.err;
  }

  /**
   * Waits for the writes in flight and writes nothing more: what a failed PUT does before it
   * closes the file, whose descriptor number a write still running would otherwise reach after
   * it was given to another file.
   */
  async abandon(): Promise<void> {
    this.pending = [];
    this.pendingBytes = 0;
    while (this.inFlight > 0) await this.slotFree();
  }

  /** Resolves when a batch in flight completes (or, failed, leaves end() or take() to report it). */
  private slotFree(): Promise<void> {
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private send(last: boolean): void {
    let size = Math.min(this.pendingBytes, BATCH_BYTES);
    if (this.direct && !(last && size === this.pendingBytes)) size -= size % DIRECT_ALIGN;
    const chunks = this.cut(size);
    const staging = this.direct ? takeStaging(this.native) : undefined;
    const offset = this.offset;
    this.offset += size;
    this.inFlight++;
    const { fd, directFd } = this.target;
    this.native.writeChunks({ fd, directFd: this.direct ? directFd : -1, offset, chunks, ...(staging ? { staging } : {}) }).then(
      ([, directRefused]) => {
        // A file system that refuses O_DIRECT for this file (the write went through the page cache) is not asked again.
        if (directRefused) this.direct = false;
        this.settle(staging);
      },
      (err: unknown) => {
        this.failure ??= { err };
        this.settle(staging);
      },
    );
  }

  private settle(staging: Buffer | undefined): void {
    this.inFlight--;
    if (staging) returnStaging(staging);
    this.idle.splice(0).forEach((wake) => wake());
  }

  /** The first `size` bytes of the pending chunks, splitting one chunk without a copy where the batch ends inside it. */
  private cut(size: number): Buffer[] {
    const batch: Buffer[] = [];
    let left = size;
    while (left > 0) {
      const chunk = this.pending[0];
      if (chunk.length <= left) {
        batch.push(chunk);
        this.pending.shift();
        left -= chunk.length;
      } else {
        batch.push(chunk.subarray(0, left));
        this.pending[0] = chunk.subarray(left);
        left = 0;
      }
    }
    this.pendingBytes -= size;
    return batch;
  }
}

/** fs.writev of every chunk at `offset`, resumed after a partial write. */
function writevAll(fd: number, chunks: Buffer[], offset: number): Promise<number> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const from = (done: number, resolve: (n: number) => void, reject: (err: unknown) => void): void => {
    if (done >= total) return resolve(total);
    let skip = done;
    const rest: Buffer[] = [];
    for (const chunk of chunks) {
      if (skip >= chunk.length) skip -= chunk.length;
      else {
        rest.push(skip > 0 ? chunk.subarray(skip) : chunk);
        skip = 0;
      }
    }
    writev(fd, rest, offset + done, (err, written) => {
      if (err) reject(err);
      else if (written === 0) reject(Object.assign(new Error('EIO: writev wrote nothing'), { code: 'EIO' }));
      else from(done + written, resolve, reject);
    });
  };
  return new Promise((resolve, reject) => from(0, resolve, reject));
}

/** The addon's batch write, or node:fs's writev where the addon predates it (no O_DIRECT then). */
export function chunkWritesOf(native: NativeFs): ChunkWrites {
  if (native.writeChunks) return native as ChunkWrites;
  return {
    allocAligned: (size) => native.allocAligned(size),
    writeChunks: async ({ fd, offset, chunks }) => [await writevAll(fd, chunks, offset), false],
  };
}
