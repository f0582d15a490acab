import type { GetObjectInput, GetObjectOutput, HeadObjectInput, HeadObjectOutput } from '../backend.types';
import { evaluatePreconditions } from '../common/preconditions';
import { resolveRange } from '../common/range';
import type { PosixContext } from './context';
import { FileSpan } from './file-span';
import { type ObjectAccess, openObject } from './object-info';

/**
 * Objects up to this size are read whole in the same thread-pool job that opens them: one trip
 * instead of an open, reads and a close, at the cost of holding the bytes in memory until sent.
 */
export const WHOLE_READ_BYTES = 256 * 1024;
const GET_ACCESS: ObjectAccess = { keep: 'data-up-to', bytes: WHOLE_READ_BYTES };
const HEAD_ACCESS: ObjectAccess = { keep: 'nothing' };
const EMPTY = Buffer.alloc(0);

export async function headObject(ctx: PosixContext, input: HeadObjectInput): Promise<HeadObjectOutput> {
  const { info } = await openObject(ctx, input.bucket, input.key, HEAD_ACCESS);
  evaluatePreconditions(info, input.conditions);
  return { info, range: resolveRange(input.range, info.size) };
}

export async function getObject(ctx: PosixContext, input: GetObjectInput): Promise<GetObjectOutput> {
  const { file, data, info } = await openObject(ctx, input.bucket, input.key, GET_ACCESS);
  try {
    evaluatePreconditions(info, input.conditions);
    const range = resolveRange(input.range, info.size);
    if (file === undefined || info.size === 0) {
      await file?.close();
      const whole = data ?? EMPTY;
      return { info, range, body: range ? whole.subarray(range.start, range.end + 1) : whole };
    }
    // Bounded by the size we stat'ed, so a file appended to meanwhile never overruns Content-Length;
    // the span owns the descriptor from here.
    const start = range?.start ?? 0;
    return { info, range, body: new FileSpan(file, start, (range?.end ?? info.size - 1) - start + 1) };
  } catch (err) {
    await file?.close().catch(() => undefined);
    throw err;
  }
}
