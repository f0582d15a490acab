import type { RequestQuery } from '../../request/request-query';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Account } from '../../iam/account';

/** What SigV4 verification needs of a request; no framework types so it is testable alone. */
export interface AuthRequest {
  method: string;
  /** Path and query exactly as received on the request line (still percent-encoded). */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  /**
   * Node's rawHeaders (name, value, name, value…), when available: repeated headers are then
   * canonicalised exactly as the client signed them ('a,b'), which `headers` cannot show.
   */
  rawHeaders?: readonly string[];
  /** The request body as received on the socket. */
  body: Readable;
  /** The query as the HTTP layer parsed it already, if it did: used when it is the same query string. */
  query?: RequestQuery;
  /** The bucket a virtual-hosted request names in its Host header: SigV2 signs it as part of the resource. */
  hostBucket?: string;
}

/**
 * Which form authenticated the request, as the auth span's auth.method reports it: SigV4 in an
 * Authorization header (v4-streaming when its body is aws-chunked), SigV4 presigned (v4-query),
 * SigV2 in the header or presigned, a browser upload's form signed either way (v4-post, v2-post), the
 * operations console's session cookie (admin API reads only, docs/console.md), or none.
 */
export type AuthMethod = 'v4-header' | 'v4-streaming' | 'v4-query' | 'v2-header' | 'v2-query' | 'v4-post' | 'v2-post' | 'console-session' | 'anonymous';

/** How the payload is protected, from x-amz-content-sha256 (or presigned: always unsigned). */
export type PayloadMode =
  | { kind: 'unsigned' }
  | { kind: 'sha256'; hex: string }
  | { kind: 'streaming-signed'; trailer: boolean }
  | { kind: 'streaming-unsigned-trailer' };

export interface AuthResult {
  method: AuthMethod;
  /** Undefined for anonymous requests (the access check decides what they may do). */
  account?: Account;
  payload: PayloadMode;
  /** The session a console request came with (method 'console-session'): what its sign-out ends. */
  consoleSession?: { id: string; expiresAt: number };
  /**
   * The payload to hand to the operation: aws-chunked framing removed, signatures / sha256 /
   * trailing checksum verified while streaming. It errors with the S3Error (XAmzContentSHA256Mismatch,
   * SignatureDoesNotMatch, BadDigest, IncompleteBody...) before ending if verification fails, so a
   * consumer never commits unverified data.
   */
  body: Readable;
  /** Payload length after decoding (x-amz-decoded-content-length for aws-chunked, else Content-Length). */
  contentLength?: number;
  /**
   * contentLength is the most the payload can be, not its length: a POST form's file, which fields
   * may follow (the body then ends sooner).
   */
  contentLengthIsMaximum?: true;
  /**
   * x-amz-checksum-* header or trailer that is checked, when any (algorithm → base64 value). A
   * header checksum is set at once (the body fails before 'end' if it does not match); a trailer
   * checksum is set when the trailer has been read and verified, before the body's 'end'.
   */
  checksum?: { algorithm: string; value: string };
  /**
   * A browser upload (POST Object): the form's fields before the file, which stand for a PUT's
   * headers, and the key they name (${filename} expanded). The body is the file.
   */
  form?: { fields: ReadonlyMap<string, string>; key: string };
}

export interface AuthOptions {
  region: string;
  /** Clock for RequestTimeTooSkewed and presigned expiry; injectable for tests. */
  now?: () => Date;
  /**
   * False when x-amz-checksum-* headers describe an object assembled elsewhere rather than this
   * request's body (CompleteMultipartUpload sends the whole object's checksum with an XML body),
   * so they are left to the operation instead of being checked against the body. Default true.
   */
  checksumHeadersDescribeBody?: boolean;
  /** False refuses Signature Version 2 (--disable-sigv2) as AWS does; default true. */
  sigV2?: boolean;
}

export type AccountLookup = (accessKey: string) => Account | undefined;
