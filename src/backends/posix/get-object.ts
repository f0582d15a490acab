import { Readable } from 'node:stream';
import type { GetObjectInput, GetObjectOutput, HeadObjectInput, HeadObjectOutput } from '../backend.types';
import { evaluatePreconditions } from '../common/preconditions';
import { resolveRange } from '../common/range';
import type { PosixContext } from './context';
import { openObject } from './object-info';

/** Big reads keep the number of syscalls and event-loop turns per object low. */
const READ_CHUNK = 1 << 20;

function emptyBody(): Readable {
  return new Readable({
    read() {
      this.push(null);
    },
  });
}

export async function headObject(ctx: PosixContext, input: HeadObjectInput): Promise<HeadObjectOutput> {
  const { handle, info } = await openObject(ctx, input.bucket, input.key);
  try {
    evaluatePreconditions(info, input.conditions);
    return { info, range: resolveRange(input.range, info.size) };
  } finally {
    await handle.close();
  }
}

export async function getObject(ctx: PosixContext, input: GetObjectInput): Promise<GetObjectOutput> {
  const { handle, info, isDirectory } = await openObject(ctx, input.bucket, input.key);
  try {
    evaluatePreconditions(info, input.conditions);
    const range = resolveRange(input.range, info.size);
    if (isDirectory || info.size === 0) {
      await handle.close();
      return { info, range, body: emptyBody() };
    }
    // Bounded by the size we stat'ed, so a file appended to meanwhile never overruns Content-Length;
    // the stream owns the handle from here and closes it at end, on error or when destroyed.
    const body = handle.createReadStream({
      start: range?.start ?? 0,
      end: range?.end ?? info.size - 1,
      highWaterMark: READ_CHUNK,
    });
    return { info, range, body };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}
