import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { ObjectLock } from '../../../backends/backend';
import { invalidArgument } from '../../errors/s3-error';
import { headerValue } from './header-value';

const MODE = 'x-amz-object-lock-mode';
const UNTIL = 'x-amz-object-lock-retain-until-date';
const LEGAL_HOLD = 'x-amz-object-lock-legal-hold';
const BOTH = 'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied.';

/** RFC 3339, as AWS and VersityGW (Go's time.RFC3339) take the date: a zone is required, fractions allowed. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** An RFC 3339 date as a Date; undefined when it is not one. */
export function parseRfc3339(text: string): Date | undefined {
  if (!RFC3339.test(text)) return undefined;
  const date = new Date(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * x-amz-object-lock-mode, -retain-until-date and -legal-hold of PutObject, CopyObject and
 * CreateMultipartUpload, judged as AWS and VersityGW (s3api/utils.ParsObjectLockHdrs) judge them:
 * mode and date together, a date in RFC 3339 and in the future, a known mode and status; else
 * InvalidArgument. Undefined when the request names no lock (the bucket's default may give one).
 */
export function readObjectLockHeaders(headers: IncomingHttpHeaders, now = new Date()): ObjectLock | undefined {
  const mode = headerValue(headers, MODE);
  const until = headerValue(headers, UNTIL);
  const legalHold = headerValue(headers, LEGAL_HOLD);
  if (mode === undefined && until === undefined && legalHold === undefined) return undefined;
  if (until !== undefined && mode === undefined) throw invalidArgument(BOTH, MODE, '');
  if (mode !== undefined && until === undefined) throw invalidArgument(BOTH, UNTIL, '');
  const lock: ObjectLock = {};
  if (mode !== undefined && until !== undefined) {
    const date = parseRfc3339(until);
    if (date === undefined) throw invalidArgument('The retain until date must be provided in ISO 8601 format', UNTIL, until);
    if (date.getTime() <= now.getTime()) throw invalidArgument('The retain until date must be in the future!', UNTIL, until);
    if (mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') throw invalidArgument('Unknown wormMode directive.', MODE, mode);
    lock.retention = { mode, retainUntilDate: date };
  }
  if (legalHold !== undefined) {
    if (legalHold !== 'ON' && legalHold !== 'OFF') throw invalidArgument("Legal Hold must be either of 'ON' or 'OFF'", LEGAL_HOLD, legalHold);
    lock.legalHold = legalHold;
  }
  return lock;
}

/** x-amz-bypass-governance-retention: true (any case), as asked; whether it is honoured is the access check's to say. */
export function readBypassGovernance(headers: IncomingHttpHeaders): boolean {
  return headerValue(headers, 'x-amz-bypass-governance-retention')?.toLowerCase() === 'true';
}

/** The version's lock on GET and HEAD, as AWS and VersityGW send it. */
export function writeObjectLockHeaders(reply: FastifyReply, lock: ObjectLock | undefined): void {
  if (lock === undefined) return;
  if (lock.retention !== undefined) {
    reply.header(MODE, lock.retention.mode);
    reply.header(UNTIL, lock.retention.retainUntilDate.toISOString());
  }
  if (lock.legalHold !== undefined) reply.header(LEGAL_HOLD, lock.legalHold);
}
