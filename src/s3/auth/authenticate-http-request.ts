import type { FastifyRequest } from 'fastify';
import type { RequestTimings } from '../../request/request-context';
import { ATTR } from '../../telemetry/attributes';
import type { AccountLookup, AuthOptions, AuthResult } from './auth.types';
import { authenticateRequest } from './authenticate-request';
import { type PostFormInput, authenticatePostForm } from './post-form-auth';
import { isSigV2Authorization, isSigV2Query } from './sigv2-auth';

/**
 * SigV4 verification of a Fastify request, shared by the S3 admission and the admin API: hands
 * the raw request (body unread, header order kept) to authenticateRequest and records the result
 * and a fresh request context on `request.s3`, so both kinds of request reach the journal alike.
 */
/** `timings` becomes the context's: the caller fills in how long admission took. */
export function authenticateHttpRequest(request: FastifyRequest, lookup: AccountLookup, options: AuthOptions, timings: RequestTimings): AuthResult {
  const { raw } = request;
  const auth = authenticateRequest(
    { method: request.method, rawUrl: raw.url ?? '/', headers: request.headers, rawHeaders: raw.rawHeaders, body: raw, query: request.s3.target?.query, hostBucket: request.s3.target?.hostBucket },
    lookup,
    options,
  );
  recordAuth(request, auth, timings);
  return auth;
}

/**
 * A browser upload's form authenticated (post-form-auth.ts), recorded on `request.s3` as a header's
 * is. The form names the object the URL does not: from here on the request targets that key, so
 * the access check, the root span and the history row all see it.
 */
export function authenticatePostRequest(request: FastifyRequest, form: PostFormInput, lookup: AccountLookup, options: AuthOptions, timings: RequestTimings): AuthResult {
  const auth = authenticatePostForm(form, lookup, options);
  recordAuth(request, auth, timings);
  const state = request.s3;
  const key = auth.form?.key;
  if (state.target !== undefined && key !== undefined) {
    state.target = { ...state.target, resource: { level: 'object', bucket: form.bucket, key } };
    state.rootSpan?.setAttribute(ATTR.s3Key, key);
  }
  return auth;
}

function recordAuth(request: FastifyRequest, auth: AuthResult, timings: RequestTimings): void {
  const state = request.s3;
  state.auth = auth;
  state.context = { requestId: state.requestId, traceId: state.traceId, account: auth.account, timings, rootSpan: state.rootSpan };
}

/**
 * A request S3 answers without authenticating it (a CORS preflight: browsers never sign one),
 * recorded as anonymous, its body left as it came.
 */
export function admitUnauthenticated(request: FastifyRequest, timings: RequestTimings): AuthResult {
  const auth: AuthResult = { method: 'anonymous', account: undefined, payload: { kind: 'unsigned' }, body: request.raw };
  recordAuth(request, auth, timings);
  return auth;
}

/** Whether the request is signed with Signature Version 2 (header or presigned), for the auth span's name. */
export function usesSigV2(request: FastifyRequest): boolean {
  const { authorization } = request.headers;
  if (authorization !== undefined) return isSigV2Authorization(authorization);
  const query = request.s3.target?.query;
  return query !== undefined && isSigV2Query(query);
}
