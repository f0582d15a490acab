import { ATTR, SPAN } from './attributes';
import { elapsedMs, recorded, type SpanParent, withSpan } from './with-span';

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

/** `Posix.IO.OpenTmpFile` under `parent` around creating the temporary file (O_TMPFILE or named). */
export function traceOpenTmpFile<T>(parent: SpanParent, target: TmpFileTarget, open: () => Promise<T>): Promise<T> {
  if (!recorded(parent)) return open();
  const attributes = {
    [ATTR.posixDir]: target.dir,
    [ATTR.posixBucket]: target.bucket,
    [ATTR.posixObject]: target.object,
    [ATTR.posixSize]: target.size,
  };
  return withSpan(parent, SPAN.openTmpFile, { attributes }, open);
}

/**
 * `Posix.IO.WriteData` under `parent` around streaming a body to disk; `write` returns how many
 * bytes it wrote, reported with the time it took and the throughput.
 */
export async function traceWriteData<T>(parent: SpanParent, write: () => Promise<{ bytesWritten: number; result: T }>): Promise<T> {
  if (!recorded(parent)) return (await write()).result;
  return withSpan(parent, SPAN.writeData, {}, async (span) => {
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

/** `Posix.IO.LinkFile` under `parent` around giving a finished temporary file its name (linkat or rename). */
export function traceLinkFile<T>(parent: SpanParent, bucket: string, object: string, link: () => Promise<T>): Promise<T> {
  if (!recorded(parent)) return link();
  return withSpan(parent, SPAN.linkFile, { attributes: { [ATTR.posixBucket]: bucket, [ATTR.posixObject]: object } }, link);
}
