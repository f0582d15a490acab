import { ATTR, SPAN } from './attributes';
import { elapsedMs, recordingHere, withSpan } from './with-span';

/** posix.throughput_mbps: MiB per second (the guide's example: 100 MiB in 450 ms is 222.2), one decimal. */
export function mebibytesPerSecond(bytes: number, ms: number): number {
  return Math.round((bytes / (1024 * 1024) / (Math.max(ms, 0.001) / 1000)) * 10) / 10;
}

/** Where a temporary file is made and for what: the guide's Posix.IO.OpenTmpFile attributes. */
export interface TmpFileTarget {
  dir: string;
  bucket: string;
  object: string;
  /** Bytes the file is about to receive. */
  size: number;
}

/** `Posix.IO.OpenTmpFile` around creating the temporary file (O_TMPFILE or named). */
export function traceOpenTmpFile<T>(target: TmpFileTarget, open: () => Promise<T>): Promise<T> {
  if (!recordingHere()) return open();
  const attributes = {
    [ATTR.posixDir]: target.dir,
    [ATTR.posixBucket]: target.bucket,
    [ATTR.posixObject]: target.object,
    [ATTR.posixSize]: target.size,
  };
  return withSpan(SPAN.openTmpFile, { attributes }, open);
}

/**
 * `Posix.IO.WriteData` around streaming a body to disk; `write` returns how many bytes it wrote,
 * reported with the time it took and the throughput.
 */
export async function traceWriteData<T>(write: () => Promise<{ bytesWritten: number; result: T }>): Promise<T> {
  if (!recordingHere()) return (await write()).result;
  return withSpan(SPAN.writeData, {}, async (span) => {
    const started = performance.now();
    const { bytesWritten, result } = await write();
    const ms = elapsedMs(started);
    span.setAttributes({
      [ATTR.posixBytesWritten]: bytesWritten,
      [ATTR.posixDurationMs]: ms,
      [ATTR.posixThroughputMbps]: mebibytesPerSecond(bytesWritten, ms),
    });
    return result;
  });
}

/** `Posix.IO.LinkFile` around giving a finished temporary file its name (linkat or rename). */
export function traceLinkFile<T>(bucket: string, object: string, link: () => Promise<T>): Promise<T> {
  if (!recordingHere()) return link();
  return withSpan(SPAN.linkFile, { attributes: { [ATTR.posixBucket]: bucket, [ATTR.posixObject]: object } }, link);
}
