import { nativeAddonIfBuilt } from '../../native/native-addon';
import type { NativeSigV4 } from '../../native/native-sigv4.types';
import { signatureMismatch } from './auth-errors';
import { type QueryParam, buildCanonicalRequest, buildStringToSign, canonicalQueryString, canonicalUri } from './canonical-request';
import { signHex, signaturesEqual } from './sigv4-crypto';
import { SIGV4_ALGORITHM } from './sigv4.constants';

/** What a request's signature covers, as header and presigned authentication both find it. */
export interface SignedRequest {
  method: string;
  /** The path and query exactly as received (still percent-encoded). */
  rawPath: string;
  rawQuery: string;
  /** rawQuery parsed, for the reference computation. */
  query: readonly QueryParam[];
  /** A query parameter the signature leaves out (X-Amz-Signature of a presigned URL). */
  excluded?: string;
  canonicalHeaders: string;
  signedHeaders: string;
  payloadHash: string;
  amzDate: string;
  scope: string;
}

/**
 * The addon's signing where it is built: in JavaScript, building the canonical request and its
 * three digests cost a small GET more than the rest of its authentication (docs/performance.md).
 */
const native: NativeSigV4 | null = nativeAddonIfBuilt() ?? null;

/** The canonical request and string to sign, built by canonical-request.ts: the reference, and what an error shows. */
function referenceSigning(request: SignedRequest, signingKey: Buffer): { canonicalRequest: string; stringToSign: string; signature: string } {
  const canonicalRequest = buildCanonicalRequest({
    method: request.method,
    canonicalUri: canonicalUri(request.rawPath),
    canonicalQuery: canonicalQueryString(request.query, request.excluded),
    canonicalHeaders: request.canonicalHeaders,
    signedHeaders: request.signedHeaders,
    payloadHash: request.payloadHash,
  });
  const stringToSign = buildStringToSign(request.amzDate, request.scope, canonicalRequest);
  return { canonicalRequest, stringToSign, signature: signHex(signingKey, stringToSign) };
}

/**
 * The request's signature under `signingKey`, from the addon when built, else from the reference.
 * `addon`: for tests, null for the reference alone (null, since undefined would take the default).
 */
export function requestSignature(request: SignedRequest, signingKey: Buffer, addon: NativeSigV4 | null = native): string {
  if (addon === null) return referenceSigning(request, signingKey).signature;
  return addon.sigv4Signature(
    signingKey,
    request.method,
    request.rawPath,
    request.rawQuery,
    request.excluded ?? '',
    `${request.canonicalHeaders}\n${request.signedHeaders}\n${request.payloadHash}`,
    `${SIGV4_ALGORITHM}\n${request.amzDate}\n${request.scope}\n`,
  );
}

/**
 * Resolves the signature the client should have sent, or throws SignatureDoesNotMatch with the
 * canonical request and string to sign S3 shows. A signature the addon did not match is checked
 * again by the reference before it is refused, so the addon can only ever make a valid request
 * faster, never refuse it.
 */
export function verifySignature(
  request: SignedRequest,
  signingKey: Buffer,
  provided: string,
  accessKey: string,
  addon: NativeSigV4 | null = native,
): string {
  if (addon !== null) {
    const computed = requestSignature(request, signingKey, addon);
    if (signaturesEqual(computed, provided)) return computed;
  }
  // Without the addon, the reference is the only computation; with it, the second opinion.
  const reference = referenceSigning(request, signingKey);
  if (signaturesEqual(reference.signature, provided)) return reference.signature;
  throw signatureMismatch({ accessKey, signatureProvided: provided, stringToSign: reference.stringToSign, canonicalRequest: reference.canonicalRequest });
}
