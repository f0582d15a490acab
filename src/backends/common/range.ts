import { S3Error } from '../../s3/errors/s3-error';
import type { RangeRequest, ResolvedRange } from '../backend.types';

function describe(range: RangeRequest): string {
  return range.kind === 'suffix' ? `bytes=-${range.length}` : `bytes=${range.start}-${range.end ?? ''}`;
}

function invalidRange(range: RangeRequest, size: number): S3Error {
  // AWS names the offending range and the real size so a client can retry with a satisfiable one.
  return new S3Error('InvalidRange', undefined, { RangeRequested: describe(range), ActualObjectSize: size });
}

const isOffset = (n: number | undefined): boolean => n === undefined || (Number.isSafeInteger(n) && n >= 0);

/**
 * Resolves a parsed `Range: bytes=` header against an object size with S3's semantics:
 * - no range, or one S3 treats as malformed (last < first), means the whole object (undefined);
 * - a first byte at or past the end is unsatisfiable (InvalidRange, 416), which makes every
 *   first-last range on an empty object unsatisfiable;
 * - a last byte past the end is clamped to the end;
 * - `bytes=-N` is the last N bytes (all of them when N exceeds the size); `bytes=-0` is unsatisfiable;
 *   on an empty object a non-zero suffix is satisfiable but has no byte to send, so the whole
 *   (empty) object is returned, as RFC 9110 §14.1.1 allows.
 */
export function resolveRange(range: RangeRequest | undefined, size: number): ResolvedRange | undefined {
  if (range === undefined) return undefined;

  if (range.kind === 'suffix') {
    if (!isOffset(range.length)) return undefined;
    if (range.length === 0) throw invalidRange(range, size);
    if (size === 0) return undefined;
    const length = Math.min(range.length, size);
    return { start: size - length, end: size - 1, total: size };
  }

  if (!isOffset(range.start) || !isOffset(range.end)) return undefined;
  if (range.end !== undefined && range.end < range.start) return undefined;
  if (range.start >= size) throw invalidRange(range, size);
  const end = range.end === undefined ? size - 1 : Math.min(range.end, size - 1);
  return { start: range.start, end, total: size };
}
