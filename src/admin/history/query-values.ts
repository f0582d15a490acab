import type { TransformFnParams } from 'class-transformer';

/** A whole decimal number from query text, NaN for anything else (so @IsInt reports it). */
export function toInteger({ value }: TransformFnParams): unknown {
  if (typeof value !== 'string') return value;
  return /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

/** Epoch ms from ISO-8601 text or from epoch ms, NaN for anything else. */
export function toEpochMs({ value }: TransformFnParams): unknown {
  if (typeof value !== 'string') return value;
  if (/^\d{1,15}$/.test(value)) return Number(value);
  // Date.parse takes many informal forms; only ISO-8601 dates and date-times are meant.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return Number.NaN;
  return Date.parse(value);
}

export const TIME_FORMAT = 'an ISO-8601 time (2025-06-01T12:00:00Z) or epoch milliseconds';
