import type { Readable } from 'node:stream';
import { S3Error, invalidArgument } from '../errors/s3-error';
import { malformedAuthorization } from './auth-errors';
import type { AccountLookup, AuthOptions, AuthRequest, AuthResult } from './auth.types';
import { parseAuthorizationHeader } from './authorization-header';
import { AwsChunkedDecoder, ChunkSigningContext } from './aws-chunked-decoder';
import { pipeThroughVerifier } from './body-pipeline';
import { type RequestQuery, parseQuery } from '../../request/request-query';
import { canonicalHeaders, credentialScope, splitRawUrl } from './canonical-request';
import { HeaderMap, collectHeaders, singleHeader } from './header-map';
import { PayloadPlan, planPayload } from './payload-plan';
import { PayloadVerifier } from './payload-verifier';
import { isPresignedQuery, parsePresignedQuery } from './presigned-query';
import { checkClockSkew, headerRequestTime } from './request-time';
import { verifySignature } from './request-signature';
import { authenticateV2Header, authenticateV2Query, isSigV2Authorization, isSigV2Query } from './sigv2-auth';
import { deriveSigningKey } from './sigv4-crypto';
import { Q_CONTENT_SHA256, Q_SIGNATURE, UNSIGNED_PAYLOAD } from './sigv4.constants';

/**
 * Authenticates an S3 request the way S3 does (SigV4 header or presigned URL, or anonymous).
 * Everything that can be checked from the request line and headers is checked here, synchronously,
 * and throws an S3Error. The payload is checked while the returned `body` is read: it errors
 * (before 'end') with XAmzContentSHA256Mismatch, SignatureDoesNotMatch, BadDigest, IncompleteBody…
 */
export function authenticateRequest(req: AuthRequest, lookup: AccountLookup, opts: AuthOptions): AuthResult {
  const headers = collectHeaders(req.headers, req.rawHeaders);
  const { rawPath, rawQuery } = splitRawUrl(req.rawUrl);
  const query = req.query !== undefined && req.query.raw === rawQuery ? req.query : parseQuery(rawQuery);
  const now = opts.now ? opts.now() : new Date();
  const authorization = singleHeader(headers, 'authorization');
  const presigned = isPresignedQuery(query.params);

  if (authorization !== undefined && presigned) throw oneAuthMechanism(authorization);
  const ctx: RequestContext = { req, headers, rawPath, rawQuery, query, lookup, opts, now };
  if (authorization !== undefined) {
    return isSigV2Authorization(authorization) ? sigV2Auth(ctx, 'v2-header', authorization) : headerAuth(ctx, authorization);
  }
  if (presigned) return presignedAuth(ctx);
  if (isSigV2Query(query)) return sigV2Auth(ctx, 'v2-query', undefined);
  return anonymousAuth(ctx);
}

function oneAuthMechanism(authorization: string): S3Error {
  return invalidArgument(
    'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
    'Authorization',
    authorization,
  );
}

/** AWS's answer to SigV2 where it is refused (--disable-sigv2), as in every region opened since 2014. */
function sigV2Refused(): S3Error {
  return new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
}

/** Signature Version 2, header or presigned: the body is not signed, only checked against what its headers declare. */
function sigV2Auth(ctx: RequestContext, method: 'v2-header' | 'v2-query', authorization: string | undefined): AuthResult {
  if (ctx.opts.sigV2 === false) throw sigV2Refused();
  if (authorization !== undefined && isSigV2Query(ctx.query)) throw oneAuthMechanism(authorization);
  const input = { ...ctx, method: ctx.req.method.toUpperCase(), hostBucket: ctx.req.hostBucket };
  const account = authorization === undefined ? authenticateV2Query(input) : authenticateV2Header(input, authorization);
  const plan = planPayload(ctx.headers, 'presigned', singleHeader(ctx.headers, 'x-amz-content-sha256'), ctx.opts.checksumHeadersDescribeBody);
  return buildResult(method, account, ctx.req.body, plan, undefined);
}

interface RequestContext {
  req: AuthRequest;
  headers: HeaderMap;
  rawPath: string;
  rawQuery: string;
  query: RequestQuery;
  lookup: AccountLookup;
  opts: AuthOptions;
  now: Date;
}

function headerAuth(ctx: RequestContext, authorization: string): AuthResult {
  const { headers, opts } = ctx;
  const auth = parseAuthorizationHeader(authorization, opts.region);
  const time = headerRequestTime(headers);
  if (time.amzDate.slice(0, 8) !== auth.credential.date) {
    throw malformedAuthorization('Invalid credential date. Date is not the same as X-Amz-Date.');
  }
  const account = ctx.lookup(auth.credential.accessKey);
  if (!account) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: auth.credential.accessKey });
  checkClockSkew(time, ctx.now);

  const contentSha256 = singleHeader(headers, 'x-amz-content-sha256');
  const plan = planPayload(headers, 'header', contentSha256, ctx.opts.checksumHeadersDescribeBody);
  requireAmzHeadersSigned(headers, auth.signedHeaders);

  const scope = credentialScope(auth.credential.date, auth.credential.region);
  const signingKey = deriveSigningKey(account.secret, auth.credential.date, auth.credential.region);
  const computed = verifySignature(
    {
      method: ctx.req.method.toUpperCase(),
      rawPath: ctx.rawPath,
      rawQuery: ctx.rawQuery,
      query: ctx.query.params,
      canonicalHeaders: canonicalHeaders(headers, auth.signedHeaders),
      signedHeaders: auth.signedHeadersRaw,
      payloadHash: contentSha256 ?? '',
      amzDate: time.amzDate,
      scope,
    },
    signingKey,
    auth.signature,
    auth.credential.accessKey,
  );

  const signing: ChunkSigningContext = {
    signingKey,
    amzDate: time.amzDate,
    scope,
    seedSignature: computed,
    accessKey: auth.credential.accessKey,
  };
  const streaming = plan.mode.kind === 'streaming-signed' || plan.mode.kind === 'streaming-unsigned-trailer';
  return buildResult(streaming ? 'v4-streaming' : 'v4-header', account, ctx.req.body, plan, signing);
}

function presignedAuth(ctx: RequestContext): AuthResult {
  const { headers, query, opts } = ctx;
  const auth = parsePresignedQuery(query.params, opts.region, ctx.now);
  const account = ctx.lookup(auth.credential.accessKey);
  if (!account) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: auth.credential.accessKey });

  // A URL signs UNSIGNED-PAYLOAD unless it carries a payload hash of its own.
  const signedPayload = query.get(Q_CONTENT_SHA256) ?? undefined;
  const headerPayload = singleHeader(headers, 'x-amz-content-sha256');
  const plan = planPayload(headers, 'presigned', signedPayload ?? headerPayload, ctx.opts.checksumHeadersDescribeBody);
  requireAmzHeadersSigned(headers, auth.signedHeaders);

  verifySignature(
    {
      method: ctx.req.method.toUpperCase(),
      rawPath: ctx.rawPath,
      rawQuery: ctx.rawQuery,
      query: query.params,
      excluded: Q_SIGNATURE,
      canonicalHeaders: canonicalHeaders(headers, auth.signedHeaders),
      signedHeaders: auth.signedHeadersRaw,
      payloadHash: signedPayload ?? UNSIGNED_PAYLOAD,
      amzDate: auth.amzDate,
      scope: credentialScope(auth.credential.date, auth.credential.region),
    },
    deriveSigningKey(account.secret, auth.credential.date, auth.credential.region),
    auth.signature,
    auth.credential.accessKey,
  );
  return buildResult('v4-query', account, ctx.req.body, plan, undefined);
}

function anonymousAuth(ctx: RequestContext): AuthResult {
  const plan = planPayload(ctx.headers, 'anonymous', singleHeader(ctx.headers, 'x-amz-content-sha256'), ctx.opts.checksumHeadersDescribeBody);
  return buildResult('anonymous', undefined, ctx.req.body, plan, undefined);
}

/**
 * S3 refuses x-amz-* headers that are present but not signed: otherwise anyone holding a signed
 * request could add or change, say, x-amz-acl or x-amz-copy-source.
 */
function requireAmzHeadersSigned(headers: HeaderMap, signedHeaders: readonly string[]): void {
  const signed = new Set(signedHeaders.map((h) => h.toLowerCase()));
  const notSigned = [...headers.keys()].filter((name) => name.startsWith('x-amz-') && !signed.has(name));
  if (notSigned.length > 0) {
    throw new S3Error('AccessDenied', 'There were headers present in the request which were not signed', {
      HeadersNotSigned: notSigned.join(', '),
    });
  }
}

/** The result of an authentication, its body wrapped in whatever verifies it as it streams. */
export function buildResult(
  method: AuthResult['method'],
  account: AuthResult['account'],
  source: Readable,
  plan: PayloadPlan,
  signing: ChunkSigningContext | undefined,
): AuthResult {
  const result: AuthResult = {
    method,
    account,
    payload: plan.mode,
    body: source,
    contentLength: plan.contentLength,
    checksum: plan.headerChecksum ? { ...plan.headerChecksum } : undefined,
  };
  const mode = plan.mode;
  if (mode.kind === 'streaming-signed' || mode.kind === 'streaming-unsigned-trailer') {
    const decoder = new AwsChunkedDecoder({
      signing: mode.kind === 'streaming-signed' ? signing : undefined,
      trailer: mode.kind === 'streaming-unsigned-trailer' || mode.trailer,
      trailerChecksum: plan.trailerChecksum,
      headerChecksum: plan.headerChecksum,
      decodedLength: plan.contentLength ?? 0,
      onChecksumVerified: (checksum) => {
        result.checksum = { ...checksum };
      },
    });
    result.body = pipeThroughVerifier(source, decoder);
  } else if (mode.kind === 'sha256' || plan.headerChecksum) {
    const verifier = new PayloadVerifier({
      sha256Hex: mode.kind === 'sha256' ? mode.hex : undefined,
      checksum: plan.headerChecksum,
      expectedLength: plan.wireLength,
    });
    result.body = pipeThroughVerifier(source, verifier);
  }
  return result;
}
