import { S3Error } from '../errors/s3-error';

/**
 * The SigV4 failures with AWS's own wording, in one place so that header auth, presigned
 * auth and the body decoders say the same thing for the same fault.
 */

export function malformedAuthorization(detail: string, extra: Record<string, string> = {}): S3Error {
  return new S3Error('AuthorizationHeaderMalformed', `The authorization header is malformed; ${detail}`, extra);
}

export function queryAuthError(message: string, extra: Record<string, string> = {}): S3Error {
  return new S3Error('AuthorizationQueryParametersError', message, extra);
}

export const MISSING_QUERY_PARAMS =
  'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.';

export function missingDate(): S3Error {
  return new S3Error('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
}

export function incompleteBody(cause?: unknown): S3Error {
  return new S3Error('IncompleteBody', 'The request body terminated unexpectedly', {}, { cause });
}

export function contentLengthMismatch(expected: number, provided: number): S3Error {
  return new S3Error(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
    { NumberBytesExpected: expected, NumberBytesProvided: provided },
  );
}

/** AWS returns the strings it signed so a client can find which part it built differently. */
export function signatureMismatch(details?: {
  accessKey: string;
  signatureProvided: string;
  stringToSign: string;
  canonicalRequest?: string;
}): S3Error {
  if (!details) return new S3Error('SignatureDoesNotMatch');
  const extra: Record<string, string> = {
    AWSAccessKeyId: details.accessKey,
    StringToSign: details.stringToSign,
    SignatureProvided: details.signatureProvided,
    StringToSignBytes: hexBytes(details.stringToSign),
  };
  if (details.canonicalRequest !== undefined) {
    extra.CanonicalRequest = details.canonicalRequest;
    extra.CanonicalRequestBytes = hexBytes(details.canonicalRequest);
  }
  return new S3Error('SignatureDoesNotMatch', undefined, extra);
}

function hexBytes(s: string): string {
  const hex = Buffer.from(s, 'utf8').toString('hex');
  return hex.replace(/(..)(?!$)/g, '$1 ');
}

export function malformedTrailer(): S3Error {
  return new S3Error('MalformedTrailerError');
}

export function checksumBadDigest(algorithm: string): S3Error {
  return new S3Error('BadDigest', `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`);
}
