import { Agent, get as httpGet, request as httpRequest } from 'node:http';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { OperationView } from '../../../src/admin/history/operation-view';
import { startGateway, type RunningGateway } from '../support/gateway';
import { signedRequest } from '../support/signed-request';
import { adminCall, adminError } from './admin-client';

type Listing = { operations: OperationView[]; nextCursor: string | null };

// Every request leaves one row in the operation history, and the admin API finds it.
describe('operation history through the admin API', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
    await gw.s3().send(new CreateBucketCommand({ Bucket: 'history' }));
  });
  afterAll(() => gw.stop());

  async function operations(query: Record<string, string> = {}): Promise<Listing> {
    const response = await adminCall(gw, '/list-operations', { query });
    expect(response.status).toBe(200);
    return response.json as Listing;
  }
  async function byTrace(traceId: string): Promise<OperationView> {
    const { operations: rows } = await operations({ 'trace-id': traceId });
    expect(rows).toHaveLength(1);
    return rows[0];
  }
  const trace = (headers: Record<string, string | string[] | undefined>) => String(headers['x-trace-id']);

  it('records a successful upload and download with bytes, account, timings and the ids the client saw', async () => {
    const body = Buffer.alloc(4096, 'a');
    const put = await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/history/dir/four-k.bin', body, headers: { 'user-agent': 'history-test/1.0' } });
    expect(put.status).toBe(200);
    const get = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/history/dir/four-k.bin' });
    expect(get.body).toHaveLength(4096);

    const putRow = await byTrace(trace(put.headers));
    expect(putRow).toMatchObject({
      requestId: put.headers['x-amz-request-id'],
      operation: 'PutObject',
      bucket: 'history',
      key: 'dir/four-k.bin',
      accessKey: gw.rootCredentials.access,
      role: 'admin',
      clientAddress: '127.0.0.1',
      userAgent: 'history-test/1.0',
      httpStatus: 200,
      errorCode: null,
      bytesIn: 4096,
      bytesOut: 0,
      completed: true,
    });
    expect(putRow.authMs).toBeGreaterThan(0);
    expect(putRow.backendMs).toBeGreaterThan(0);
    expect(putRow.durationMs).toBeGreaterThanOrEqual(putRow.backendMs ?? 0);
    expect(Date.parse(putRow.startedAt)).toBeLessThanOrEqual(Date.now());

    expect(await byTrace(trace(get.headers))).toMatchObject({ operation: 'GetObject', httpStatus: 200, bytesIn: 0, bytesOut: 4096, completed: true });
  });

  it('records failures: missing key, bad signature (with the key claimed), anonymous, a method nothing routes', async () => {
    const missing = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/history/nope' });
    expect(await byTrace(trace(missing.headers))).toMatchObject({ operation: 'GetObject', httpStatus: 404, errorCode: 'NoSuchKey', role: 'admin' });

    const forged = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/history', credentials: { access: gw.rootCredentials.access, secret: 'guess' } });
    expect(await byTrace(trace(forged.headers))).toMatchObject({
      operation: 'ListObjects',
      httpStatus: 403,
      errorCode: 'SignatureDoesNotMatch',
      accessKey: gw.rootCredentials.access,
      role: null,
      backendMs: null,
    });

    const anonymous = await signedRequest(gw.port, gw.rootCredentials, { method: 'DELETE', path: '/history/dir/four-k.bin', anonymous: true });
    expect(await byTrace(trace(anonymous.headers))).toMatchObject({ operation: 'DeleteObject', httpStatus: 403, errorCode: 'AccessDenied', accessKey: null });

    // A method no route takes never reaches S3 at all: still one row, with what is known.
    const strange = await signedRequest(gw.port, gw.rootCredentials, { method: 'PROPFIND', path: '/history' });
    expect(strange.status).toBeGreaterThanOrEqual(400);
    expect(await byTrace(trace(strange.headers))).toMatchObject({ operation: null, bucket: null, httpStatus: strange.status, accessKey: gw.rootCredentials.access });
  });

  it('records the upload id and part number of multipart requests', async () => {
    const part = await signedRequest(gw.port, gw.rootCredentials, {
      method: 'PUT',
      path: '/history/big.bin',
      query: { partNumber: '7', uploadId: 'no-such-upload' },
      body: 'part data',
    });
    expect(await byTrace(trace(part.headers))).toMatchObject({ operation: 'UploadPart', uploadId: 'no-such-upload', partNumber: 7, bytesIn: 9 });
  });

  it('records admin requests too, under their admin operation', async () => {
    const call = await adminCall(gw, '/list-users');
    expect(await byTrace(trace(call.headers))).toMatchObject({ operation: 'AdminListUsers', httpStatus: 200, accessKey: gw.rootCredentials.access });
    const refused = await adminCall(gw, '/list-operations', { query: { limit: 'lots' } });
    expect(refused.status).toBe(400);
    expect(await byTrace(trace(refused.headers))).toMatchObject({ operation: 'AdminListOperations', httpStatus: 400, errorCode: 'InvalidParameter' });
  });

  it('records a request whose URL cannot be decoded, which no route or hook ever sees', async () => {
    const answer = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: gw.port, path: '/history/%ZZ', headers: { 'user-agent': 'hostile/1.0' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(400);
    expect(await byTrace(trace(answer.headers))).toMatchObject({
      requestId: answer.headers['x-amz-request-id'],
      operation: null,
      httpStatus: 400,
      errorCode: 'InvalidURI',
      userAgent: 'hostile/1.0',
      clientAddress: '127.0.0.1',
      completed: true,
    });
  });

  it('records a download the client abandoned half way as incomplete, with the bytes that went out', async () => {
    const size = 32 * 1024 * 1024;
    await gw.s3().send(new PutObjectCommand({ Bucket: 'history', Key: 'large.bin', Body: Buffer.alloc(size) }));
    const url = await presignedGet('large.bin');
    const row = await rowOfTrace(await abandonedGet(url));
    expect(row).toMatchObject({ operation: 'GetObject', httpStatus: 200, completed: false });
    expect(row?.bytesOut).toBeGreaterThan(0);
    expect(row?.bytesOut).toBeLessThan(size);
  });

  it('counts only its own bytes for a download abandoned on a connection that served one before', async () => {
    const size = 32 * 1024 * 1024;
    await gw.s3().send(new PutObjectCommand({ Bucket: 'history', Key: 'large-again.bin', Body: Buffer.alloc(size) }));
    const url = await presignedGet('large-again.bin');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const whole = await new Promise<string>((resolve, reject) => {
        httpGet(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(String(res.headers['x-trace-id'])));
        }).on('error', reject);
      });
      const abandoned = await abandonedGet(url, agent);
      expect(await rowOfTrace(whole)).toMatchObject({ bytesOut: size, completed: true });
      const row = await rowOfTrace(abandoned);
      expect(row).toMatchObject({ completed: false });
      // The connection had carried the whole first download: counted from its start, this one would exceed the object.
      expect(row?.bytesOut).toBeGreaterThan(0);
      expect(row?.bytesOut).toBeLessThan(size);
    } finally {
      agent.destroy();
    }
  });

  it('filters, pages newest first with a cursor, and finds one operation by id', async () => {
    const s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'paging' }));
    for (let i = 0; i < 7; i++) await s3.send(new PutObjectCommand({ Bucket: 'paging', Key: `p/${i}`, Body: `${i}` }));
    await gw.s3().send(new GetObjectCommand({ Bucket: 'paging', Key: 'p/3' }));

    const puts = await operations({ bucket: 'paging', operation: 'PutObject' });
    expect(puts.operations.map((o) => o.key)).toEqual(['p/6', 'p/5', 'p/4', 'p/3', 'p/2', 'p/1', 'p/0']);
    expect(puts.nextCursor).toBeNull();

    const first = await operations({ bucket: 'paging', prefix: 'p/', limit: '3' });
    expect(first.operations.map((o) => o.key)).toEqual(['p/3', 'p/6', 'p/5']);
    const second = await operations({ bucket: 'paging', prefix: 'p/', limit: '3', cursor: String(first.nextCursor) });
    const third = await operations({ bucket: 'paging', prefix: 'p/', limit: '3', cursor: String(second.nextCursor) });
    expect([...second.operations, ...third.operations].map((o) => o.key)).toEqual(['p/4', 'p/3', 'p/2', 'p/1', 'p/0']);
    expect(third.nextCursor).toBeNull();

    expect((await operations({ bucket: 'paging', status: '2xx', account: gw.rootCredentials.access })).operations).toHaveLength(9);
    expect((await operations({ 'error-code': 'NoSuchKey', bucket: 'paging' })).operations).toEqual([]);
    const from = first.operations[0].startedAt;
    expect((await operations({ bucket: 'paging', from })).operations.every((o) => o.startedAt >= from)).toBe(true);

    const one = await adminCall(gw, '/get-operation', { query: { id: String(first.operations[0].id) } });
    expect(one.json).toEqual({ operation: first.operations[0] });
    const none = await adminCall(gw, '/get-operation', { query: { id: '999999' } });
    expect(none.status).toBe(404);
    expect(adminError(none).code).toBe('NoSuchOperation');
  });

  it('summarises per operation over a window', async () => {
    const response = await adminCall(gw, '/operations-summary', { query: { from: new Date(Date.now() - 600_000).toISOString() } });
    expect(response.status).toBe(200);
    const summary = response.json as { operations: Array<{ operation: string | null; count: number; errors: number; p99Ms: number }>; total: { count: number } };
    const puts = summary.operations.find((o) => o.operation === 'PutObject');
    expect(puts?.count).toBeGreaterThanOrEqual(9);
    expect(summary.operations.find((o) => o.operation === 'GetObject')?.errors).toBeGreaterThanOrEqual(1);
    expect(summary.total.count).toBe(summary.operations.reduce((sum, o) => sum + o.count, 0));
    const backwards = await adminCall(gw, '/operations-summary', { query: { from: '2025-06-02', to: '2025-06-01' } });
    expect(adminError(backwards)).toMatchObject({ code: 'InvalidParameter', parameter: 'from' });
  });

  /** GETs url and closes the connection at the first body bytes; resolves the response's trace id (checks the socket was reused when an agent is given). */
  function abandonedGet(url: string, agent?: Agent): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const req = httpGet(url, { agent }, (res) => {
        res.once('data', () => {
          if (agent && !req.reusedSocket) reject(new Error('the agent opened a new connection'));
          req.destroy();
          resolve(String(res.headers['x-trace-id']));
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    });
  }

  /** The row of a trace id, waiting for it: an abandoned response is recorded when the gateway notices the closed connection. */
  async function rowOfTrace(traceId: string): Promise<OperationView | undefined> {
    let row: OperationView | undefined;
    for (let i = 0; i < 100 && !row; i++) {
      row = (await operations({ 'trace-id': traceId })).operations[0];
      if (!row) await new Promise((r) => setTimeout(r, 20));
    }
    return row;
  }

  async function presignedGet(key: string): Promise<string> {
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    return getSignedUrl(gw.s3(), new GetObjectCommand({ Bucket: 'history', Key: key }), { expiresIn: 60 });
  }
});
