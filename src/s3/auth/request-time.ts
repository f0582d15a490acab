import { S3Error } from '../errors/s3-error';
import { missingDate } from './auth-errors';
import { HeaderMap, singleHeader } from './header-map';
import { MAX_CLOCK_SKEW_MS } from './sigv4.constants';

const AMZ_DATE = /^\d{8}T\d{6}Z$/;

/** The number the digits value[from, from + length) spell. */
function digits(value: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) n = n * 10 + value.charCodeAt(i) - 48;
  return n;
}

/** Days in month `month` (1-12) of `year`, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * 'yyyyMMddTHHmmssZ' → Date, undefined unless it names a real instant. Read digit by digit, with
 * no match groups or round trip through Date's getters: every signed request parses one.
 */
export function parseAmzDate(value: string): Date | undefined {
  if (!AMZ_DATE.test(value)) return undefined;
  const y = digits(value, 0, 4);
  const mo = digits(value, 4, 2);
  const d = digits(value, 6, 2);
  const h = digits(value, 9, 2);
  const mi = digits(value, 11, 2);
  const s = digits(value, 13, 2);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export function formatAmzDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export interface RequestTime {
  /** The timestamp as it appears in the string to sign. */
  amzDate: string;
  time: Date;
  /** The header value as received, for RequestTimeTooSkewed's RequestTime. */
  raw: string;
}

/** X-Amz-Date wins over Date; header auth needs one of them, valid. */
export function headerRequestTime(headers: HeaderMap): RequestTime {
  const amz = singleHeader(headers, 'x-amz-date');
  if (amz !== undefined) {
    const time = parseAmzDate(amz);
    if (!time) throw missingDate();
    return { amzDate: amz, time, raw: amz };
  }
  const date = singleHeader(headers, 'date');
  if (date !== undefined) {
    const ms = Date.parse(date);
    if (Number.isNaN(ms)) throw missingDate();
    const time = new Date(ms);
    return { amzDate: formatAmzDate(time), time, raw: date };
  }
  throw missingDate();
}

export function checkClockSkew(requestTime: RequestTime, now: Date): void {
  if (Math.abs(now.getTime() - requestTime.time.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw new S3Error('RequestTimeTooSkewed', undefined, {
      RequestTime: requestTime.raw,
      ServerTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      MaxAllowedSkewMilliseconds: MAX_CLOCK_SKEW_MS,
    });
  }
}
