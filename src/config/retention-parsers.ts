import type { Parsed } from './value-parsers';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * `<n>s`, `<n>m`, `<n>h` or `<n>d` (whole numbers), or `0` for "no limit": the retention
 * options' format. A bare number other than 0 is refused: is `30` days or seconds?
 */
export function parseDuration(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '0') return { ok: true, value: 0 };
  const match = /^(\d{1,9})([smhd])$/.exec(trimmed);
  if (!match) return { ok: false, reason: 'must be a duration such as 90m, 12h or 30d, or 0 for no limit' };
  return { ok: true, value: Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] };
}

/** A whole number of rows, 0 for "no limit". */
export function parseRowCount(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return { ok: false, reason: 'must be a whole number of rows, or 0 for no limit' };
  return { ok: true, value: Number(trimmed) };
}
