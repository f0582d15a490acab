import { close as closeCb, read as readCb, write as writeCb } from 'node:fs';
import { promisify } from 'node:util';
import type { ChecksumHasher } from '../../../s3/auth/checksum';
import { ATTR, type CopyMethod, EVENT, type KernelCopy, SPAN } from '../../../telemetry/attributes';
import { mebibytesPerSecond } from '../../../telemetry/posix-io-spans';
import type { RecordingSpan } from '../../../telemetry/recording-span';
import { elapsedMs, type SpanParent, withSpan } from '../../../telemetry/with-span';
import { hasErrno } from '../errno';
import type { NativeFs } from '../native.types';
import type { CopySlots } from './copy-slots';

const read = promisify(readCb);
const write = promisify(writeCb);
const closeFd = promisify(closeCb);

/** User-space copies move this much per read and write (whole blocks, so O_DIRECT can take them). */
const COPY_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * O_DIRECT writes (and reflinks) must start and end on block boundaries: 4 KiB covers 512-byte and
 * 4Kn devices. A part that starts off this grid (its predecessors' sizes were not multiples of
 * it) is copied through the page cache instead.
 */
const DIRECT_IO_ALIGN = 4096;

/**
 * What a write through the O_DIRECT descriptor answers when this file system or device will not
 * take it (other alignments, no direct I/O for this file): the page cache takes the rest.
 */
const DIRECT_REFUSED = ['EINVAL', 'EOPNOTSUPP', 'ENOTSUP'] as const;

/** Kernel-copy errors that mean "not here" (other file system, old kernel, unsupported), not "failed". */
const NO_KERNEL_COPY = ['EXDEV', 'ENOSYS', 'EOPNOTSUPP', 'ENOTSUP', 'EINVAL'] as const;

/** A part opened for its copy. */
export interface OpenSource {
  fd: number;
  close(): Promise<void>;
}

export interface AssemblySource {
  partNumber: number;
  size: number;
  /** Opened only for its own copy, so an assembly holds one part descriptor per copy in flight. */
  open(): Promise<OpenSource>;
}

/**
 * Moves a part's blocks into the object instead of copying them (the scoutfs backend's block
 * move). Resolves false where it cannot (another file system, a part off the block grid) and
 * nothing was taken from the part: it is then copied in user space (io_copy_fallback).
 */
export interface PartMover {
  move(part: AssemblySource, source: OpenSource, fdOut: number, offset: number, last: boolean): Promise<boolean>;
}

export interface AssemblyOptions {
  /** False: do not even try copy_file_range (posix.copy_method io_copy_fallback). */
  useCopyFileRange: boolean;
  /** Tried first on every part (custom_move), one part at a time in part order; not with a hasher. */
  mover?: PartMover;
  /** The backend's copy slots: how many parts are copied at once, this assembly's and others'. */
  slots: CopySlots;
  /** A full-object checksum to compute: every byte then passes through user space (io_copy_with_checksum). */
  hasher?: ChecksumHasher;
}

/**
 * Where the object is written: its descriptor, a second O_DIRECT one for the kernel copies, and
 * what the first parts taught about this file system (checked once, not per part).
 */
interface Target {
  fd: number;
  direct?: number;
  directWorks: boolean;
  /** The first aligned part's reflink attempt: whether this file system shares extents. */
  reflinks?: Promise<boolean>;
}

/** A lane's two buffers: one is read into (and hashed) while the other is being written. */
interface CopyBuffers {
  pair: [Buffer, Buffer];
}

/** Fills `buffer` from `fd` at `position` with `length` bytes, or fewer at the end of the file. */
async function readFull(fd: number, buffer: Buffer, length: number, position: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await read(fd, buffer, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

async function writeAll(fd: number, chunk: Buffer, position: number): Promise<void> {
  for (let written = 0; written < chunk.length; ) {
    const { bytesWritten } = await write(fd, chunk, written, chunk.length - written, position + written);
    written += bytesWritten;
  }
}

/**
 * One chunk into place: whole blocks at a block boundary through the O_DIRECT descriptor (the
 * buffers are block-aligned), anything else through the page cache.
 */
async function writeChunk(target: Target, chunk: Buffer, position: number): Promise<void> {
  if (target.direct !== undefined && target.directWorks && position % DIRECT_IO_ALIGN === 0 && chunk.length % DIRECT_IO_ALIGN === 0) {
    try {
      await writeAll(target.direct, chunk, position);
      return;
    } catch (err) {
      if (!hasErrno(err, ...DIRECT_REFUSED)) throw err;
      target.directWorks = false;
    }
  }
  await writeAll(target.fd, chunk, position);
}

/**
 * Copies `size` bytes from the start of `fdIn` to the target at `offset` through user space,
 * feeding a checksum if given, in order. Each chunk is written while the next one is read and
 * hashed; at most one write is in flight, and none outlives the call, not even after a failure.
 */
async function userSpaceCopy(fdIn: number, target: Target, offset: number, size: number, buffers: CopyBuffers, hasher?: ChecksumHasher): Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  let writeFailure: unknown;
  const settleWrite = async (): Promise<void> => {
    await writing;
    if (writeFailure !== undefined) throw writeFailure;
  };
  try {
    for (let done = 0, turn = 0; done < size; turn++) {
      const buffer = buffers.pair[turn % 2];
      const bytes = await readFull(fdIn, buffer, Math.min(buffer.length, size - done), done);
      if (bytes === 0) throw Object.assign(new Error(`part shorter than its ${size} bytes`), { code: 'EIO' });
      const chunk = buffer.subarray(0, bytes);
      hasher?.update(chunk);
      await settleWrite();
      // Caught at once (a rejection left unhandled across the next read would end the process) and rethrown by settleWrite.
      writing = writeChunk(target, chunk, offset + done).catch((err: unknown) => {
        writeFailure = err;
      });
      done += bytes;
    }
    await settleWrite();
  } catch (err) {
    await writing;
    throw err;
  }
}

function shrank(part: AssemblySource): Error {
  return Object.assign(new Error(`part ${part.partNumber} shrank while it was copied`), { code: 'EIO' });
}

/**
 * The block-aligned bulk of a part, by the cheapest call that works here: a reflink where the
 * file system shares extents (nothing is copied), else splice(2) into the O_DIRECT descriptor,
 * which moves the part's cached pages to the device without allocating any page cache for the
 * object (on a VM most of a buffered copy's cost: each new page is a fault on the host) and
 * leaves the bytes on the device when it returns. Resolves the bytes done and by what.
 */
async function copyBulk(native: NativeFs, part: AssemblySource, fdIn: number, target: Target, offset: number): Promise<{ done: number; by?: KernelCopy }> {
  const bulk = part.size - (part.size % DIRECT_IO_ALIGN);
  if (bulk === 0 || offset % DIRECT_IO_ALIGN !== 0) return { done: 0 };
  // The first aligned part asks the file system; parts already in flight wait for its answer
  // rather than each asking again.
  const firstAnswer = target.reflinks;
  if (firstAnswer === undefined || (await firstAnswer)) {
    const cloned = native.cloneRange(fdIn, 0, target.fd, offset, bulk);
    target.reflinks ??= cloned;
    if (await cloned) return { done: bulk, by: 'reflink' };
  }
  if (target.direct === undefined || !target.directWorks) return { done: 0 };
  try {
    const copied = await native.spliceCopy(fdIn, 0, target.direct, offset, bulk);
    if (copied !== bulk) throw shrank(part);
    return { done: bulk, by: 'splice' };
  } catch (err) {
    if (!hasErrno(err, ...DIRECT_REFUSED)) throw err;
    target.directWorks = false;
    return { done: 0 };
  }
}

/**
 * The kernel copy of one part: its bulk by copyBulk, the rest (an unaligned tail, a part off the
 * block grid, a file system without O_DIRECT) by copy_file_range(2) through the page cache, its
 * writeback started at once so the caller's fdatasync waits for little. Resolves what moved the bulk.
 */
async function kernelCopy(native: NativeFs, part: AssemblySource, fdIn: number, target: Target, offset: number): Promise<KernelCopy> {
  const { done, by } = await copyBulk(native, part, fdIn, target, offset);
  if (done < part.size) {
    const length = part.size - done;
    if ((await native.copyFileRange(fdIn, done, target.fd, offset + done, length)) !== length) throw shrank(part);
    await native.startWriteback(target.fd, offset + done, length);
  }
  return by ?? 'copy_file_range';
}

/** Posix.IO.FastFileCopy → Posix.IO.CopyFileRange: the kernel copy, or the user-space one where it cannot run. */
function fastFileCopy(
  parent: SpanParent,
  native: NativeFs,
  part: AssemblySource,
  fdIn: number,
  target: Target,
  offset: number,
  options: AssemblyOptions,
  buffers: () => CopyBuffers,
): Promise<CopyMethod> {
  return withSpan(parent, SPAN.fastFileCopy, {}, (fast) =>
    withSpan(fast, SPAN.copyFileRange, {}, async (span) => {
      let usedFallback = !options.useCopyFileRange;
      let kernelCopyBy: KernelCopy | undefined;
      if (!usedFallback) {
        try {
          kernelCopyBy = await kernelCopy(native, part, fdIn, target, offset);
        } catch (err) {
          if (!hasErrno(err, ...NO_KERNEL_COPY)) throw err;
          usedFallback = true;
        }
      }
      // Rewrites the whole range, also after a kernel copy that failed half way: offsets are explicit.
      if (usedFallback) await userSpaceCopy(fdIn, target, offset, part.size, buffers());
      else if (kernelCopyBy) span.setAttribute(ATTR.posixKernelCopy, kernelCopyBy);
      span.setAttributes({ [ATTR.posixBytesCopied]: part.size, [ATTR.posixUsedFallback]: usedFallback });
      return usedFallback ? 'io_copy_fallback' : 'copy_file_range';
    }),
  );
}

/** The mover's answer for one part, or the user-space copy where it has none; the span says which ran. */
async function moveOrCopy(span: RecordingSpan, mover: PartMover, part: AssemblySource, source: OpenSource, target: Target, offset: number, last: boolean, buffers: () => CopyBuffers): Promise<CopyMethod> {
  const moved = await mover.move(part, source, target.fd, offset, last);
  if (!moved) await userSpaceCopy(source.fd, target, offset, part.size, buffers());
  span.setAttributes({ [ATTR.posixBytesCopied]: part.size, [ATTR.posixUsedFallback]: !moved });
  return moved ? 'custom_move' : 'io_copy_fallback';
}

/** Posix.IO.CopyPart: one part into place, by whichever method can run. */
function copyPart(
  parent: SpanParent,
  native: NativeFs,
  part: AssemblySource,
  target: Target,
  offset: number,
  last: boolean,
  options: AssemblyOptions,
  buffers: () => CopyBuffers,
): Promise<void> {
  const attributes = { [ATTR.posixPartNumber]: part.partNumber, [ATTR.posixPartSize]: part.size };
  return withSpan(parent, SPAN.copyPart, { attributes }, async (span) => {
    const source = await part.open();
    const started = performance.now();
    let method: CopyMethod;
    try {
      if (options.hasher) {
        await userSpaceCopy(source.fd, target, offset, part.size, buffers(), options.hasher);
        method = 'io_copy_with_checksum';
      } else if (options.mover) {
        method = await moveOrCopy(span, options.mover, part, source, target, offset, last, buffers);
      } else {
        method = await fastFileCopy(span, native, part, source.fd, target, offset, options, buffers);
      }
    } finally {
      await source.close().catch(() => undefined);
    }
    span.setAttributes({ [ATTR.posixCopyMethod]: method, [ATTR.posixThroughputMbps]: mebibytesPerSecond(part.size, elapsedMs(started)) });
  });
}

/**
 * Runs `copy` over the parts, `lanes` at a time, in part order within each lane. Every lane is
 * waited for before a failure is reported: a copy still running must not outlive the
 * descriptors its caller is about to close.
 */
async function inLanes(
  native: NativeFs,
  parts: readonly AssemblySource[],
  lanes: number,
  copy: (index: number, buffers: () => CopyBuffers) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    // Allocated only if a user-space copy runs (the kernel copy needs none), block-aligned for O_DIRECT.
    let buffers: CopyBuffers | undefined;
    const lazyBuffers = (): CopyBuffers => (buffers ??= { pair: [native.allocAligned(COPY_BUFFER_BYTES), native.allocAligned(COPY_BUFFER_BYTES)] });
    while (!failed && next < parts.length) {
      const index = next++;
      try {
        await copy(index, lazyBuffers);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(lanes, parts.length) }, lane));
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * The object's target: blocks reserved up front (ENOSPC now, not half way), and the O_DIRECT twin.
 * Not for a mover: moved extents may not land on reserved ones (ScoutFS refuses the overlap).
 */
async function openTarget(native: NativeFs, fdOut: number, totalSize: number, reserve: boolean): Promise<Target> {
  if (totalSize > 0 && reserve) await native.preallocate(fdOut, totalSize);
  const direct = totalSize >= DIRECT_IO_ALIGN ? await native.openDirect(fdOut) : undefined;
  return { fd: fdOut, direct, directWorks: direct !== undefined };
}

/**
 * Posix.IO.AssembleParts, under `parent`: writes the parts into `fdOut`, each at its offset, in the kernel where
 * it can (no byte crosses into user space: a reflink, splice(2) into O_DIRECT, copy_file_range(2);
 * see kernelCopy), through a buffer where it cannot or where a full-object checksum must see
 * every byte. Kernel and plain user-space copies run as many parts at a time as the backend's
 * copy slots allow; a checksum sees the parts one by one, in order, as the object will be read.
 */
export function assembleParts(parent: SpanParent, native: NativeFs, parts: readonly AssemblySource[], fdOut: number, options: AssemblyOptions): Promise<number> {
  let totalSize = 0;
  const offsets = parts.map((part) => (totalSize += part.size) - part.size);
  const attributes = { [ATTR.posixTotalParts]: parts.length, [ATTR.posixTotalSize]: totalSize };
  return withSpan(parent, SPAN.assembleParts, { attributes }, async (span) => {
    const started = performance.now();
    const mover = options.hasher ? undefined : options.mover;
    const target = await openTarget(native, fdOut, totalSize, mover === undefined);
    try {
      // Parts finish out of order; the events follow the object from its start, as a reader
      // would see it grow: part N is reported once parts 1..N are all in place.
      const done = parts.map(() => false);
      let reported = 0;
      await inLanes(native, parts, options.hasher || mover ? 1 : options.slots.size, async (index, buffers) => {
        const last = index === parts.length - 1;
        await options.slots.run(() => copyPart(span, native, parts[index], target, offsets[index], last, options, buffers));
        done[index] = true;
        for (; reported < parts.length && done[reported]; reported++) {
          const part = parts[reported];
          span.addEvent(EVENT.partAssembled, { [EVENT.currentPart]: part.partNumber, [EVENT.bytesCopied]: offsets[reported] + part.size });
        }
      });
    } finally {
      if (target.direct !== undefined) await closeFd(target.direct).catch(() => undefined);
    }
    span.setAttribute(ATTR.posixDurationMs, elapsedMs(started));
    return totalSize;
  });
}
