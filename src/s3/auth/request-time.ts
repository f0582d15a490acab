import { S3Error } from '../errors/s3-error';
import { missingDate } from './auth-errors';
import { HeaderMap, singleHeader } from './header-map';
import { MAX_CLOCK_SKEW_MS } from './sigv4.constants';

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** 'yyyyMMddTHHmmssZ' → Date, undefined unless it names a real instant. */
export function parseAmzDate(value: string): Date | undefined {
  const m = AMZ_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const valid =
    t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d &&
    t.getUTCHours() === h && t.getUTCMinutes() === mi && t.getUTCSeconds() === s;
  return valid ? t : undefined;
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
