import type { Readable } from 'node:stream';
import type { FileSpanBody } from '../backend.types';
import type { OpenFile } from './open-file';

/** Big reads keep the number of syscalls and event-loop turns per object low, when the span is streamed. */
const READ_CHUNK = 1 << 20;

/** A GET's bytes of an opened object, bounded by the size that was stat'ed when it was opened. */
export class FileSpan implements FileSpanBody {
  readonly kind = 'file-span';

  constructor(
    private readonly file: OpenFile,
    readonly start: number,
    readonly length: number,
  ) {}

  get fd(): number {
    return this.file.fd;
  }

  stream(): Readable {
    return this.file.createReadStream({ start: this.start, end: this.start + this.length - 1, highWaterMark: READ_CHUNK, own: true });
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
