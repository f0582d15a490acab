import type { S3Error } from '../errors/s3-error';
import { malformedAuthorization, queryAuthError } from './auth-errors';
import { daysInMonth } from './request-time';
import { SIGV4_SERVICE, SIGV4_TERMINATOR } from './sigv4.constants';

/** The parsed 'AK/yyyyMMdd/region/service/aws4_request' credential. */
export interface Credential {
  accessKey: string;
  date: string;
  region: string;
  service: string;
}

/** Header and query authentication word the same faults differently; each brings its own. */
export interface CredentialErrors {
  malformed(): S3Error;
  badDate(date: string): S3Error;
  wrongRegion(actual: string, expected: string): S3Error;
  wrongService(service: string): S3Error;
  wrongTerminal(terminal: string): S3Error;
}

const MALFORMED = 'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".';

export const HEADER_CREDENTIAL_ERRORS: CredentialErrors = {
  malformed: () => malformedAuthorization(MALFORMED),
  badDate: (d) => malformedAuthorization(`incorrect date format "${d}". This date in the credential must be in the format "yyyyMMdd".`),
  wrongRegion: (actual, expected) =>
    malformedAuthorization(`the region '${actual}' is wrong; expecting '${expected}'`, { Region: expected }),
  wrongService: (s) => malformedAuthorization(`incorrect service "${s}". This endpoint belongs to "${SIGV4_SERVICE}".`),
  wrongTerminal: (t) => malformedAuthorization(`incorrect terminal "${t}". This endpoint uses "${SIGV4_TERMINATOR}".`),
};

const Q_PREFIX = 'Error parsing the X-Amz-Credential parameter; ';

export const QUERY_CREDENTIAL_ERRORS: CredentialErrors = {
  malformed: () => queryAuthError(Q_PREFIX + MALFORMED),
  badDate: (d) => queryAuthError(`${Q_PREFIX}incorrect date format "${d}". This date in the credential must be in the format "yyyyMMdd".`),
  wrongRegion: (actual, expected) =>
    queryAuthError(`${Q_PREFIX}the region '${actual}' is wrong; expecting '${expected}'`, { Region: expected }),
  wrongService: (s) => queryAuthError(`${Q_PREFIX}incorrect service "${s}". This endpoint belongs to "${SIGV4_SERVICE}".`),
  wrongTerminal: (t) => queryAuthError(`${Q_PREFIX}incorrect terminal "${t}". This endpoint uses "${SIGV4_TERMINATOR}".`),
};

/** The last date found valid: credentials name the same day for a day, so most checks end here. */
let lastValidDate = '';

export function isValidYyyyMmDd(date: string): boolean {
  if (date === lastValidDate) return true;
  if (!/^\d{8}$/.test(date)) return false;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(4, 6));
  const d = Number(date.slice(6, 8));
  const valid = y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
  if (valid) lastValidDate = date;
  return valid;
}

export function parseCredential(value: string, expectedRegion: string, errors: CredentialErrors): Credential {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[0] === '') throw errors.malformed();
  const [accessKey, date, region, service, terminal] = parts;
  if (!isValidYyyyMmDd(date)) throw errors.badDate(date);
  if (region !== expectedRegion) throw errors.wrongRegion(region, expectedRegion);
  if (service !== SIGV4_SERVICE) throw errors.wrongService(service);
  if (terminal !== SIGV4_TERMINATOR) throw errors.wrongTerminal(terminal);
  return { accessKey, date, region, service };
}
