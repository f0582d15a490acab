import { S3Error } from '../../s3/errors/s3-error';
import type { ReadConditions } from '../backend.types';
import { etagHeaderMatches } from './etag';

export interface PreconditionTarget {
  /** Bare or quoted; compared without quotes. */
  etag: string;
  lastModified: Date;
}

/** HTTP dates carry whole seconds, so a sub-second mtime must not make an object look newer than itself. */
function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function validDate(date: Date | undefined): date is Date {
  return date !== undefined && !Number.isNaN(date.getTime());
}

/**
 * GET/HEAD conditional headers with S3's precedence (RFC 7232 §6): If-Match decides alone when
 * present (a true If-Match overrides a false If-Unmodified-Since), likewise If-None-Match over
 * If-Modified-Since; the 412 checks run before the 304 checks.
 * Throws PreconditionFailed (412) or NotModified (304); returns when the read may proceed.
 */
export function evaluatePreconditions(target: PreconditionTarget, conditions: ReadConditions): void {
  const modified = seconds(target.lastModified);

  if (conditions.ifMatch !== undefined) {
    if (!etagHeaderMatches(conditions.ifMatch, target.etag)) {
      throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
    }
  } else if (validDate(conditions.ifUnmodifiedSince) && modified > seconds(conditions.ifUnmodifiedSince)) {
    throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Unmodified-Since' });
  }

  if (conditions.ifNoneMatch !== undefined) {
    if (etagHeaderMatches(conditions.ifNoneMatch, target.etag)) {
      throw new S3Error('NotModified');
    }
  } else if (validDate(conditions.ifModifiedSince) && modified <= seconds(conditions.ifModifiedSince)) {
    throw new S3Error('NotModified');
  }
}
