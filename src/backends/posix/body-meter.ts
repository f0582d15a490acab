import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from '../../s3/errors/s3-error';

/** Hashes and counts a body on its way to disk, refusing more bytes than were announced. */
export class BodyMeter extends Transform {
  private readonly md5: Hash = createHash('md5');
  bytes = 0;

  constructor(private readonly expected: number) {
    super({ highWaterMark: 1 << 20 });
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.bytes += data.length;
    if (this.bytes > this.expected) {
      callback(new S3Error('IncompleteBody', 'The request body is longer than the Content-Length header says.'));
      return;
    }
    this.md5.update(data);
    callback(null, data);
  }

  digest(): Buffer {
    return this.md5.digest();
  }
}
