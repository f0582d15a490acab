/** Names and limits of AWS Signature Version 4 as S3 applies them. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
export const SIGV4_SERVICE = 's3';
export const SIGV4_TERMINATOR = 'aws4_request';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_SIGNED_PAYLOAD = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_PAYLOAD_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_PAYLOAD_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
/** SigV4a streaming modes: recognised so they get NotImplemented rather than InvalidArgument. */
export const STREAMING_ECDSA_PAYLOADS: readonly string[] = [
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
  'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
];

export const CHUNK_STRING_TO_SIGN_ALGORITHM = 'AWS4-HMAC-SHA256-PAYLOAD';
export const TRAILER_STRING_TO_SIGN_ALGORITHM = 'AWS4-HMAC-SHA256-TRAILER';

/** sha256 of the empty string, part of every chunk string-to-sign. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** S3 accepts request times up to 15 minutes away from its clock, either way. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** A presigned URL lives at most 7 days. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604800;
/** S3 refuses signed chunks smaller than this unless they are the last one. */
export const MIN_SIGNED_CHUNK_SIZE = 8192;

/** Query parameters of a presigned URL. */
export const Q_ALGORITHM = 'X-Amz-Algorithm';
export const Q_CREDENTIAL = 'X-Amz-Credential';
export const Q_DATE = 'X-Amz-Date';
export const Q_EXPIRES = 'X-Amz-Expires';
export const Q_SIGNED_HEADERS = 'X-Amz-SignedHeaders';
export const Q_SIGNATURE = 'X-Amz-Signature';
export const Q_CONTENT_SHA256 = 'X-Amz-Content-Sha256';
