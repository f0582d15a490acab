import { read as readCb, write as writeCb } from 'node:fs';
import { promisify } from 'node:util';
import type { Span } from '@opentelemetry/api';
import type { ChecksumHasher } from '../../../s3/auth/checksum';
import { ATTR, type CopyMethod, EVENT, SPAN } from '../../../telemetry/attributes';
import { mebibytesPerSecond } from '../../../telemetry/posix-io-spans';
import { elapsedMs, withSpan } from '../../../telemetry/with-span';
import { hasErrno } from '../errno';
import type { NativeFs } from '../native.types';

const read = promisify(readCb);
const write = promisify(writeCb);

/** User-space copies move this much per read and write. */
const COPY_BUFFER_BYTES = 4 * 1024 * 1024;

/** copy_file_range(2) errors that mean "not here" (other file system, old kernel, unsupported), not "failed". */
const NO_KERNEL_COPY = ['EXDEV', 'ENOSYS', 'EOPNOTSUPP', 'ENOTSUP', 'EINVAL'] as const;

/** A part opened for its copy. */
export interface OpenSource {
  fd: number;
  close(): Promise<void>;
}

export interface AssemblySource {
  partNumber: number;
  size: number;
  /** Opened only for its own copy, so an assembly holds one part descriptor at a time. */
  open(): Promise<OpenSource>;
}

export interface AssemblyOptions {
  /** False: do not even try copy_file_range (posix.copy_method io_copy_fallback). */
  useCopyFileRange: boolean;
  /** A full-object checksum to compute: every byte then passes through user space (io_copy_with_checksum). */
  hasher?: ChecksumHasher;
}


/** Copies `size` bytes from the start of `fdIn` to `fdOut` at `offset`, through a buffer, feeding a checksum if given. */
async function userSpaceCopy(fdIn: number, fdOut: number, offset: number, size: number, buffer: Buffer, hasher?: ChecksumHasher): Promise<void> {
  for (let done = 0; done < size; ) {
    const { bytesRead } = await read(fdIn, buffer, 0, Math.min(buffer.length, size - done), done);
    if (bytesRead === 0) throw Object.assign(new Error(`part shorter than its ${size} bytes`), { code: 'EIO' });
    const chunk = buffer.subarray(0, bytesRead);
    hasher?.update(chunk);
    for (let written = 0; written < bytesRead; ) {
      const { bytesWritten } = await write(fdOut, chunk, written, bytesRead - written, offset + done + written);
      written += bytesWritten;
    }
    done += bytesRead;
  }
}

/** Posix.IO.FastFileCopy → Posix.IO.CopyFileRange: the kernel copy, or the user-space one where it cannot run. */
function fastFileCopy(native: NativeFs, part: AssemblySource, fdIn: number, fdOut: number, offset: number, options: AssemblyOptions, buffer: () => Buffer): Promise<CopyMethod> {
  return withSpan(SPAN.fastFileCopy, {}, () =>
    withSpan(SPAN.copyFileRange, {}, async (span) => {
      let usedFallback = !options.useCopyFileRange;
      if (!usedFallback) {
        try {
          const copied = await native.copyFileRange(fdIn, 0, fdOut, offset, part.size);
          if (copied !== part.size) throw Object.assign(new Error(`part ${part.partNumber} shrank while it was copied`), { code: 'EIO' });
        } catch (err) {
          if (!hasErrno(err, ...NO_KERNEL_COPY)) throw err;
          usedFallback = true;
        }
      }
      // Rewrites the whole range, also after a kernel copy that failed half way: offsets are explicit.
      if (usedFallback) await userSpaceCopy(fdIn, fdOut, offset, part.size, buffer());
      span.setAttributes({ [ATTR.posixBytesCopied]: part.size, [ATTR.posixUsedFallback]: usedFallback });
      return usedFallback ? 'io_copy_fallback' : 'copy_file_range';
    }),
  );
}

/** Posix.IO.CopyPart: one part into place, by whichever method can run. */
function copyPart(native: NativeFs, part: AssemblySource, fdOut: number, offset: number, options: AssemblyOptions, buffer: () => Buffer): Promise<void> {
  const attributes = { [ATTR.posixPartNumber]: part.partNumber, [ATTR.posixPartSize]: part.size };
  return withSpan(SPAN.copyPart, { attributes }, async (span) => {
    const source = await part.open();
    const started = performance.now();
    let method: CopyMethod;
    try {
      if (options.hasher) {
        await userSpaceCopy(source.fd, fdOut, offset, part.size, buffer(), options.hasher);
        method = 'io_copy_with_checksum';
      } else {
        method = await fastFileCopy(native, part, source.fd, fdOut, offset, options, buffer);
      }
    } finally {
      await source.close().catch(() => undefined);
    }
    span.setAttributes({ [ATTR.posixCopyMethod]: method, [ATTR.posixThroughputMbps]: mebibytesPerSecond(part.size, elapsedMs(started)) });
  });
}

/**
 * Posix.IO.AssembleParts: writes the parts one after another into `fdOut`, in the kernel with
 * copy_file_range(2) where it can (no byte crosses into user space), through a buffer where it
 * cannot or where a full-object checksum must see every byte. Parts are copied in order, so a
 * checksum sees the object as it will be read.
 */
export function assembleParts(native: NativeFs, parts: readonly AssemblySource[], fdOut: number, options: AssemblyOptions): Promise<number> {
  const totalSize = parts.reduce((sum, part) => sum + part.size, 0);
  const attributes = { [ATTR.posixTotalParts]: parts.length, [ATTR.posixTotalSize]: totalSize };
  return withSpan(SPAN.assembleParts, { attributes }, async (span: Span) => {
    const started = performance.now();
    // Allocated only if a user-space copy runs: the kernel copy needs no buffer at all.
    let buffer: Buffer | undefined;
    const lazyBuffer = (): Buffer => (buffer ??= Buffer.allocUnsafe(COPY_BUFFER_BYTES));
    let offset = 0;
    for (const part of parts) {
      await copyPart(native, part, fdOut, offset, options, lazyBuffer);
      // Start writing this part to the device now: the caller's fdatasync then waits for the
      // tail only, and the copy is not throttled behind a gigabyte of dirty pages.
      await native.startWriteback(fdOut, offset, part.size);
      offset += part.size;
      span.addEvent(EVENT.partAssembled, { [EVENT.currentPart]: part.partNumber, [EVENT.bytesCopied]: offset });
    }
    span.setAttribute(ATTR.posixDurationMs, elapsedMs(started));
    return totalSize;
  });
}
