import { close, createReadStream, type ReadStream } from 'node:fs';

/**
 * A descriptor of an object opened for reading, closed exactly once: by close(), or by the stream
 * that took it over. A raw descriptor rather than a FileHandle, because the native open returns
 * one, and a number closed twice could be another request's file by then.
 */
export class OpenFile {
  private open = true;

  constructor(readonly fd: number) {}

  /**
   * Bytes start..end (inclusive) as a stream. `own`: the stream closes the descriptor at its end,
   * on error or when destroyed, and close() becomes a no-op; otherwise the caller still closes it.
   */
  createReadStream(options: { start: number; end: number; highWaterMark?: number; own: boolean }): ReadStream {
    const { own, ...range } = options;
    if (own) this.open = false;
    return createReadStream('', { fd: this.fd, autoClose: own, ...range });
  }

  close(): Promise<void> {
    if (!this.open) return Promise.resolve();
    this.open = false;
    return new Promise((resolve, reject) => close(this.fd, (err) => (err ? reject(err) : resolve())));
  }
}
