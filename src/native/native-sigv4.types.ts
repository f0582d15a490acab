/** The addon's SigV4 signing (native/src/sigv4.c): what every signed request computes. */
export interface NativeSigV4 {
  /**
   * The hex HMAC-SHA256 under `signingKey` of the string to sign `stringToSignHead` +
   * hex(SHA-256(canonical request)), where the canonical request is `method`, the canonical URI
   * of `rawPath`, the canonical query of `rawQuery` without the parameters whose decoded name is
   * `excludedName` ('' for none) and `requestTail` (canonical headers, signed headers and payload
   * hash), joined by newlines: canonical-request.ts's rules, byte for byte.
   */
  sigv4Signature(
    signingKey: Buffer,
    method: string,
    rawPath: string,
    rawQuery: string,
    excludedName: string,
    requestTail: string,
    stringToSignHead: string,
  ): string;
}
