/** What CopyObject and UploadPartCopy do alike with their source. */
import { type Readable, Transform } from 'node:stream';
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


/** Feeds every chunk to a checksum on its way through. */
export function tapChecksum(source: Readable, update: (chunk: Buffer) => void): Readable {
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      update(chunk);
      done(null, chunk);
    },
  });
  source.on('error', (err) => tap.destroy(err));
  return source.pipe(tap);
}

