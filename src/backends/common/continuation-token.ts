import { invalidArgument } from '../../s3/errors/s3-error';

// Tokens are opaque to clients; a version tag lets a later format refuse old tokens cleanly.
const TAG = 'tgw1:';

export function encodeContinuationToken(lastKey: string): string {
  return Buffer.from(TAG + lastKey, 'utf8').toString('base64url');
}

/** The key a token continues after; InvalidArgument (as AWS) for a token tracegw did not issue. */
export function decodeContinuationToken(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(TAG)) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  return text.slice(TAG.length);
}
