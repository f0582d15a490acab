import type { Readable, Transform } from 'node:stream';
import { S3Error } from '../errors/s3-error';
import { incompleteBody } from './auth-errors';

/**
 * Pipes the request body through a verifying transform. A socket that dies mid-body surfaces as
 * IncompleteBody (an S3 error the filter can render), not as a raw ECONNRESET. If the consumer
 * abandons the result (it failed or was destroyed), the source is drained rather than destroyed:
 * destroying an IncomingMessage closes the socket, and the error response still has to go out.
 */
export function pipeThroughVerifier(source: Readable, verifier: Transform): Readable {
  const onSourceError = (err: unknown): void => {
    if (!verifier.destroyed) verifier.destroy(S3Error.is(err) ? err : incompleteBody(err));
  };
  const onSourceClose = (): void => {
    if (!source.readableEnded && !verifier.destroyed) verifier.destroy(incompleteBody());
  };
  source.on('error', onSourceError);
  source.on('close', onSourceClose);
  verifier.on('close', () => {
    source.off('close', onSourceClose);
    if (!source.readableEnded && !source.destroyed) {
      source.unpipe(verifier);
      source.resume();
    }
  });
  // The handler attaches to the body only after some awaits (bucket checks, opening a temp file),
  // and a small body can fail verification before that. Without a listener that 'error' would
  // crash the process; with one, the error stays on `verifier.errored`, which pipeline() and
  // for-await report to the consumer when it arrives.
  verifier.on('error', () => undefined);
  source.pipe(verifier);
  return verifier;
}
