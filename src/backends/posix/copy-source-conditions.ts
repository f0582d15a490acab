import { S3Error } from '../../s3/errors/s3-error';
import type { CopySourceConditions, ObjectInfo } from '../backend.types';
import { evaluatePreconditions } from '../common/preconditions';

/** x-amz-copy-source-if-*: GET's rules, except that every failed condition is 412 (never 304). */
export function checkSourceConditions(info: ObjectInfo, conditions: CopySourceConditions): void {
  try {
    evaluatePreconditions(info, conditions);
  } catch (err) {
    if (S3Error.is(err, 'NotModified')) throw new S3Error('PreconditionFailed');
    throw err;
  }
}

