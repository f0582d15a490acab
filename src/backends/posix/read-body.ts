import type { Readable } from 'node:stream';
import { S3Error } from '../../s3/errors/s3-error';

/** What `take` answers for a chunk: nothing to go on at once, or a promise the body waits for (backpressure). */
export type ChunkTaken = Promise<void> | undefined;

/** A body that failed on the client's side: a signature that did not verify keeps its S3Error, anything else is IncompleteBody. */
function bodyFailure(err: unknown): S3Error {
  return S3Error.is(err) ? err : new S3Error('IncompleteBody', undefined, {}, { cause: err });
}

const prematureEnd = (): Error => Object.assign(new Error('the request body ended before its end'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });

/**
 * Reads `body` to its end, giving each chunk to `take` as it arrives, and resolves once the body
 * has ended (and so has been verified: the auth layer fails a body before its end). A failure
 * of the body (the client stopped sending, a signature did not verify) rejects as in `bodyFailure`;
 * a failure of `take` (the disk's, or a body longer than announced) rejects unchanged, and the
 * body is destroyed, as pipeline() does. Plain listeners rather than pipeline() or an async
 * iterator: for a body of one or two chunks those cost more than the rest of the PUT's JavaScript.
 */
export function readBody(body: Readable, take: (chunk: Buffer) => ChunkTaken): Promise<void> {
  // A verifying transform may have failed before anyone listened: the error waits on `errored`.
  if (body.errored) return Promise.reject(bodyFailure(body.errored));
  if (body.destroyed && !body.readableEnded) return Promise.reject(bodyFailure(prematureEnd()));
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      if (err === undefined) resolve();
      else reject(err);
    };
    const gatewayFailure = (err: unknown): void => {
      settle(err);
      body.destroy();
    };
    const onData = (chunk: Buffer | string): void => {
      let wait: ChunkTaken;
      try {
        wait = take(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      } catch (err) {
        gatewayFailure(err);
        return;
      }
      if (wait === undefined) return;
      body.pause();
      wait.then(
        () => {
          if (!settled) body.resume();
        },
        gatewayFailure,
      );
    };
    const onEnd = (): void => settle();
    const onError = (err: unknown): void => settle(bodyFailure(err));
    // Closed without 'end' and without an error: the client went away mid-body.
    const onClose = (): void => settle(bodyFailure(prematureEnd()));
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.once('close', onClose);
  });
}
