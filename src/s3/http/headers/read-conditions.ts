import type { IncomingHttpHeaders } from 'node:http';
import type { RangeRequest, ReadConditions } from '../../../backends/backend';
import { headerValue } from './header-value';

function httpDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  // AWS ignores a conditional date header it cannot parse rather than failing the request.
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `prefix` reads another family of the same headers: `x-amz-copy-source-` for a copy's source. */
export function readConditions(headers: IncomingHttpHeaders, prefix = ''): ReadConditions {
  return {
    ifMatch: headerValue(headers, `${prefix}if-match`),
    ifNoneMatch: headerValue(headers, `${prefix}if-none-match`),
    ifModifiedSince: httpDate(headerValue(headers, `${prefix}if-modified-since`)),
    ifUnmodifiedSince: httpDate(headerValue(headers, `${prefix}if-unmodified-since`)),
  };
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/**
 * One `bytes=` range, or undefined: like AWS, a header that is not a single valid byte range
 * (multiple ranges, other units, garbage) is ignored and the whole object is returned.
 */
export function readRange(headers: IncomingHttpHeaders): RangeRequest | undefined {
  const value = headerValue(headers, 'range')?.trim();
  const match = value === undefined ? null : SINGLE_RANGE.exec(value);
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') return { kind: 'suffix', length: Number(last) };
  const start = Number(first);
  if (last === '') return { kind: 'fromTo', start };
  const end = Number(last);
  return end < start ? undefined : { kind: 'fromTo', start, end };
}
