import { S3Error, invalidArgument } from '../errors/s3-error';
import type { PayloadMode } from './auth.types';
import { ChecksumAlgorithm, checksumAlgorithmFromHeader, isWellFormedChecksum } from './checksum';
import { HeaderMap, singleHeader } from './header-map';
import {
  STREAMING_ECDSA_PAYLOADS,
  STREAMING_SIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD_TRAILER,
  STREAMING_UNSIGNED_PAYLOAD_TRAILER,
  UNSIGNED_PAYLOAD,
} from './sigv4.constants';

/** Everything the body pipeline needs to know, decided from the headers before any byte is read. */
export interface PayloadPlan {
  mode: PayloadMode;
  /** x-amz-checksum-<alg> sent as a header, checked against the (decoded) body. */
  headerChecksum?: { algorithm: ChecksumAlgorithm; value: string };
  /** The checksum named by x-amz-trailer, for the aws-chunked modes with a trailer. */
  trailerChecksum?: ChecksumAlgorithm;
  /** x-amz-decoded-content-length for aws-chunked, else Content-Length. */
  contentLength?: number;
  /** Content-Length as received (the encoded length for aws-chunked). */
  wireLength?: number;
}

const INVALID_SHA256 =
  'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.';

export function parsePayloadMode(value: string): PayloadMode {
  switch (value) {
    case UNSIGNED_PAYLOAD:
      return { kind: 'unsigned' };
    case STREAMING_SIGNED_PAYLOAD:
      return { kind: 'streaming-signed', trailer: false };
    case STREAMING_SIGNED_PAYLOAD_TRAILER:
      return { kind: 'streaming-signed', trailer: true };
    case STREAMING_UNSIGNED_PAYLOAD_TRAILER:
      return { kind: 'streaming-unsigned-trailer' };
  }
  if (STREAMING_ECDSA_PAYLOADS.includes(value)) {
    // SigV4a: a real AWS mode this gateway does not implement.
    throw new S3Error('NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: 'x-amz-content-sha256' });
  }
  if (/^[0-9a-fA-F]{64}$/.test(value)) return { kind: 'sha256', hex: value.toLowerCase() };
  throw invalidArgument(INVALID_SHA256, 'x-amz-content-sha256', value);
}

function parseLength(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalidArgument(`Invalid ${name} header`, name, value);
  }
  return Number(value);
}

function headerChecksum(headers: HeaderMap): PayloadPlan['headerChecksum'] {
  let found: PayloadPlan['headerChecksum'];
  for (const name of headers.keys()) {
    const algorithm = checksumAlgorithmFromHeader(name);
    if (!algorithm) continue;
    if (found) throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
    const value = singleHeader(headers, name) ?? '';
    if (!isWellFormedChecksum(algorithm, value)) throw new S3Error('InvalidRequest', `Value for ${name} header is invalid.`);
    found = { algorithm, value };
  }
  return found;
}

function trailerChecksum(headers: HeaderMap): ChecksumAlgorithm | undefined {
  const trailer = singleHeader(headers, 'x-amz-trailer');
  if (trailer === undefined || trailer.trim() === '') return undefined;
  const algorithm = checksumAlgorithmFromHeader(trailer.trim());
  if (!algorithm) throw new S3Error('InvalidRequest', 'The value specified in the x-amz-trailer header is not supported');
  return algorithm;
}

/**
 * Decides how the body is protected. `contentSha256` is what the request declares (the
 * x-amz-content-sha256 header, or for presigned URLs what the query signed); header auth must
 * declare it, anonymous requests may, and may not claim signed chunks they cannot have.
 */
export function planPayload(
  headers: HeaderMap,
  auth: 'header' | 'presigned' | 'anonymous',
  contentSha256: string | undefined,
  checksumHeadersDescribeBody = true,
): PayloadPlan {
  let mode: PayloadMode;
  if (contentSha256 === undefined) {
    if (auth === 'header') throw new S3Error('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    mode = { kind: 'unsigned' };
  } else {
    mode = parsePayloadMode(contentSha256);
  }
  if (mode.kind === 'streaming-signed' && auth === 'anonymous') {
    throw new S3Error(
      'InvalidRequest',
      "Anonymous requests don't support this x-amz-content-sha256 value. Please use UNSIGNED-PAYLOAD or STREAMING-UNSIGNED-PAYLOAD-TRAILER.",
    );
  }
  if (mode.kind === 'streaming-signed' && auth === 'presigned') {
    // Chunk signatures chain from a seed signature in an Authorization header; a URL has none.
    throw new S3Error('InvalidRequest', 'The value of x-amz-content-sha256 header is invalid.');
  }

  const wireLength = parseLength(singleHeader(headers, 'content-length'), 'Content-Length');
  const checksum = checksumHeadersDescribeBody ? headerChecksum(headers) : undefined;
  const contentEncoding = singleHeader(headers, 'content-encoding');
  const chunked = mode.kind === 'streaming-signed' || mode.kind === 'streaming-unsigned-trailer';

  if (!chunked) {
    if (contentEncoding !== undefined && contentEncoding.split(',').some((e) => e.trim().toLowerCase() === 'aws-chunked')) {
      throw invalidArgument(
        'aws-chunked encoding is not supported when x-amz-content-sha256 UNSIGNED-PAYLOAD is supplied.',
        'Content-Encoding',
        contentEncoding,
      );
    }
    return { mode, headerChecksum: checksum, contentLength: wireLength, wireLength };
  }

  const decodedLength = parseLength(singleHeader(headers, 'x-amz-decoded-content-length'), 'x-amz-decoded-content-length');
  if (decodedLength === undefined) throw new S3Error('MissingContentLength');
  const withTrailer = mode.kind === 'streaming-unsigned-trailer' || (mode.kind === 'streaming-signed' && mode.trailer);
  return {
    mode,
    headerChecksum: checksum,
    trailerChecksum: withTrailer ? trailerChecksum(headers) : undefined,
    contentLength: decodedLength,
    wireLength,
  };
}
