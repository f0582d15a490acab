import { Transform, type TransformCallback } from 'node:stream';
import { entityTooLarge, entityTooSmall, type LengthRange } from './post-policy';

/**
 * Holds a POST form's file to its policy's content-length-range as it streams: EntityTooLarge as
 * soon as it passes the maximum, EntityTooSmall at its end when under the minimum. Its length is
 * known only there, since fields may follow the file (S3 ignores them). Fails before 'end', so the
 * object is never stored. `bound` is what the request's Content-Length leaves room for: the size
 * an oversized file is reported with (its size, when the file ends the form, as forms do).
 */
export class PostLengthMeter extends Transform {
  private received = 0;

  constructor(
    private readonly range: LengthRange,
    private readonly bound: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.range.max) callback(entityTooLarge(Math.max(this.bound, this.received), this.range));
    else callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.received < this.range.min ? entityTooSmall(this.received, this.range) : null);
  }
}
