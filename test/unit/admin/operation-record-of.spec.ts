import type { FastifyReply, FastifyRequest } from 'fastify';
import { operationRecordOf } from '../../../src/admin/recording/operation-record-of';
import type { S3RequestState } from '../../../src/request/request-state';
import { parseRequestTarget } from '../../../src/s3/http/parse-request-target';

interface FakeExchange {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  state?: Partial<S3RequestState>;
  status?: number;
  finished?: boolean;
  responseHeaders?: Record<string, string | number>;
}

function exchange(fake: FakeExchange): { request: FastifyRequest; reply: FastifyReply } {
  const url = fake.url ?? '/';
  const state: S3RequestState | undefined = fake.state && {
    requestId: 'REQ1',
    traceId: 'a'.repeat(32),
    startedAt: process.hrtime.bigint() - 5_000_000n,
    ...fake.state,
  };
  const request = { method: fake.method ?? 'GET', headers: fake.headers ?? {}, raw: { url }, ip: '10.1.2.3', s3: state };
  const reply = {
    statusCode: fake.status ?? 200,
    raw: { writableFinished: fake.finished ?? true },
    getHeader: (name: string) => fake.responseHeaders?.[name],
  };
  return { request: request as unknown as FastifyRequest, reply: reply as unknown as FastifyReply };
}

const alice = { access: 'alice', secret: 's', role: 'user' as const };

describe('operationRecordOf', () => {
  it('takes what the S3 layers left on the request', () => {
    const url = '/photos/a%20b.jpg?partNumber=3&uploadId=UP1';
    const { request, reply } = exchange({
      method: 'PUT',
      url,
      headers: { 'user-agent': 'aws-sdk-js/3', 'content-length': '9999' },
      state: {
        target: parseRequestTarget(url),
        operation: 'UploadPart',
        auth: { method: 'v4-header', account: alice, payload: { kind: 'unsigned' }, body: undefined as never, contentLength: 4096 },
        context: { requestId: 'REQ1', traceId: 'a'.repeat(32), account: alice, timings: { authMs: 0.25, backendMs: 3.5 } },
      },
      responseHeaders: { 'content-length': 0 },
    });
    const record = operationRecordOf(request, reply, 300);
    const after = Date.now();
    expect(record).toMatchObject({
      traceId: 'a'.repeat(32),
      requestId: 'REQ1',
      operation: 'UploadPart',
      bucket: 'photos',
      key: 'a b.jpg',
      uploadId: 'UP1',
      partNumber: 3,
      accessKey: 'alice',
      role: 'user',
      clientAddress: '10.1.2.3',
      userAgent: 'aws-sdk-js/3',
      httpStatus: 200,
      errorCode: null,
      // The decoded length the signature layer verified, not the wire Content-Length.
      bytesIn: 4096,
      bytesOut: 0,
      authMs: 0.25,
      backendMs: 3.5,
      completed: true,
    });
    expect(record.durationMs).toBeGreaterThanOrEqual(5);
    // Started at least 5 ms before the record was made (rounded to the millisecond).
    expect(record.startedAt).toBeLessThanOrEqual(after - 4);
  });

  it('keeps the access key a refused signature claimed, without a role', () => {
    const { request, reply } = exchange({
      url: '/photos',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=MALLORY/20250601/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00' },
      state: { target: parseRequestTarget('/photos'), operation: 'ListObjects', errorCode: 'SignatureDoesNotMatch' },
      status: 403,
    });
    expect(operationRecordOf(request, reply, 0)).toMatchObject({ accessKey: 'MALLORY', role: null, httpStatus: 403, errorCode: 'SignatureDoesNotMatch' });
  });

  it('finds the claimed access key of a presigned URL', () => {
    const url = '/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=PRESIGNER%2F20250601%2Fus-east-1%2Fs3%2Faws4_request';
    const { request, reply } = exchange({ url, state: { errorCode: 'AccessDenied' }, status: 403 });
    expect(operationRecordOf(request, reply, 0).accessKey).toBe('PRESIGNER');
  });

  it('records what is known of a request refused before its operation was resolved', () => {
    const { request, reply } = exchange({ method: 'TRACE', url: '/x', state: { errorCode: 'MethodNotAllowed' }, status: 405 });
    expect(operationRecordOf(request, reply, 0)).toMatchObject({
      operation: null,
      bucket: null,
      key: null,
      accessKey: null,
      httpStatus: 405,
      errorCode: 'MethodNotAllowed',
    });
  });

  it('names admin requests by their admin operation', () => {
    const { request, reply } = exchange({ method: 'PATCH', url: '/list-users', state: { adminOperation: 'AdminListUsers' } });
    expect(operationRecordOf(request, reply, 0).operation).toBe('AdminListUsers');
  });

  it('counts the Content-Length of a complete response as bytes out, none for HEAD, 204 and 304', () => {
    const complete = exchange({ state: {}, responseHeaders: { 'content-length': '4096' } });
    expect(operationRecordOf(complete.request, complete.reply, 4500).bytesOut).toBe(4096);
    const head = exchange({ method: 'HEAD', state: {}, responseHeaders: { 'content-length': '4096' } });
    expect(operationRecordOf(head.request, head.reply, 300).bytesOut).toBe(0);
    const notModified = exchange({ state: {}, status: 304 });
    expect(operationRecordOf(notModified.request, notModified.reply, 200).bytesOut).toBe(0);
  });

  it('measures a response cut short on the socket, and marks it incomplete', () => {
    const { request, reply } = exchange({ state: {}, finished: false, responseHeaders: { 'content-length': '1048576' } });
    expect(operationRecordOf(request, reply, 65_800)).toMatchObject({ bytesOut: 65_800, completed: false });
  });

  it('falls back to the Content-Length header for bytes in, and ignores junk in it and in partNumber', () => {
    const url = '/b/k?partNumber=abc';
    const plain = exchange({ url, headers: { 'content-length': '12' }, state: { target: parseRequestTarget(url) } });
    expect(operationRecordOf(plain.request, plain.reply, 0)).toMatchObject({ bytesIn: 12, partNumber: null });
    const junk = exchange({ headers: { 'content-length': '-5' }, state: {} });
    expect(operationRecordOf(junk.request, junk.reply, 0).bytesIn).toBe(0);
  });

  it('cuts an overlong user agent', () => {
    const { request, reply } = exchange({ headers: { 'user-agent': 'x'.repeat(5000) }, state: {} });
    expect(operationRecordOf(request, reply, 0).userAgent).toHaveLength(256);
  });

  it('copes with a request the gateway never stamped', () => {
    const { request, reply } = exchange({ status: 400 });
    expect(operationRecordOf(request, reply, 0)).toMatchObject({ traceId: '', requestId: '', operation: null, httpStatus: 400, durationMs: 0 });
  });
});
