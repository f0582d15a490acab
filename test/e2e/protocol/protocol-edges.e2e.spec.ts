import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from '../support/gateway';
import { type RawRequest, signedRequest, signRequest, xmlCode } from '../support/signed-request';

/** Writes raw bytes on a fresh connection and collects what comes back until the server closes or `waitMs` passes. */
function rawExchange(port: number, bytes: string, options: { halfClose?: boolean; waitMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes);
      if (options.halfClose) socket.end();
    });
    let out = '';
    socket.on('data', (data: Buffer) => (out += data.toString('latin1')));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, options.waitMs ?? 5000);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.on('error', reject);
  });
}

/** The status line's code of a raw HTTP answer (the last one, after any 100 Continue). */
const finalStatus = (answer: string): number => Number([...answer.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].at(-1)?.[1]);

interface ContinueOutcome {
  /** Whether the server sent 100 Continue before its final answer. */
  continued: boolean;
  /** Body bytes the client had sent when the final answer arrived. */
  bytesSentBeforeAnswer: number;
  status: number;
  body: string;
}

/**
 * A PUT with `Expect: 100-continue` over node:http, as SDKs send large uploads: the body is
 * written only once the server says 100 Continue.
 */
async function putExpectingContinue(gw: RunningGateway, req: RawRequest & { body: Buffer }): Promise<ContinueOutcome> {
  const signed = await signRequest(gw.port, gw.rootCredentials, {
    ...req,
    headers: { expect: '100-continue', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...req.headers },
  });
  return new Promise((resolve, reject) => {
    let continued = false;
    let sent = 0;
    const outgoing = httpRequest({ host: '127.0.0.1', port: gw.port, method: 'PUT', path: signed.path, headers: signed.headers, agent: false }, (res) => {
      const answeredAfter = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ continued, bytesSentBeforeAnswer: answeredAfter, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    outgoing.on('continue', () => {
      continued = true;
      sent = req.body.length;
      outgoing.end(req.body);
    });
    outgoing.on('error', reject);
    outgoing.flushHeaders();
  });
}

describe('protocol edges (real gateway, raw sockets)', () => {
  let gw: RunningGateway;
  const bob = { access: 'BOBPROTOCOLEDGES0001', secret: 'bob-protocol-edges-secret-0000000000000' };

  beforeAll(async () => {
    gw = await startGateway();
    await gw.s3().send(new CreateBucketCommand({ Bucket: 'edges' }));
    gw.gateway.services.iam.createAccount({ ...bob, role: 'user' });
  });
  afterAll(() => gw.stop());

  describe('Expect: 100-continue', () => {
    it('sends 100 Continue once the request is authenticated and allowed, then stores the body', async () => {
      const body = Buffer.alloc(64 * 1024, 7);
      const outcome = await putExpectingContinue(gw, { method: 'PUT', path: '/edges/continued', body, headers: { 'content-length': String(body.length) } });
      expect(outcome).toMatchObject({ continued: true, status: 200 });
      expect((await readFile(join(gw.root, 'edges', 'continued'))).equals(body)).toBe(true);
    });

    it("refuses a PUT into another account's bucket with 403 before any body byte is sent", async () => {
      const body = Buffer.alloc(1024 * 1024, 1);
      const outcome = await putExpectingContinue(gw, { method: 'PUT', path: '/edges/refused', body, credentials: bob, headers: { 'content-length': String(body.length) } });
      expect(outcome).toMatchObject({ continued: false, bytesSentBeforeAnswer: 0, status: 403 });
      expect(xmlCode(outcome.body)).toBe('AccessDenied');
    });

    it('refuses a bad signature with 403 before any body byte is sent', async () => {
      const body = Buffer.alloc(1024, 1);
      const outcome = await putExpectingContinue(gw, {
        method: 'PUT',
        path: '/edges/forged',
        body,
        credentials: { access: gw.rootCredentials.access, secret: 'not-the-secret' },
        headers: { 'content-length': String(body.length) },
      });
      expect(outcome).toMatchObject({ continued: false, bytesSentBeforeAnswer: 0, status: 403 });
      expect(xmlCode(outcome.body)).toBe('SignatureDoesNotMatch');
    });

    it('ignores an expectation S3 does not know (no 417)', async () => {
      const signed = await signRequest(gw.port, gw.rootCredentials, {
        method: 'PUT',
        path: '/edges/expected',
        body: 'abc',
        headers: { expect: 'something-else', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '3' },
      });
      const lines = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      const answer = await rawExchange(gw.port, `PUT ${signed.path} HTTP/1.1\r\n${lines}connection: close\r\n\r\nabc`);
      expect(finalStatus(answer)).toBe(200);
      expect(await readFile(join(gw.root, 'edges', 'expected'), 'utf8')).toBe('abc');
    });
  });

  it('answers MalformedXML for a request document with a DOCTYPE, and deletes nothing', async () => {
    await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/edges/kept', body: 'kept' });
    const document = '<?xml version="1.0"?><!DOCTYPE Delete [<!ENTITY k "kept">]><Delete><Object><Key>&k;</Key></Object></Delete>';
    const res = await signedRequest(gw.port, gw.rootCredentials, {
      method: 'POST',
      path: '/edges',
      query: { delete: '' },
      body: document,
      headers: { 'content-md5': createHash('md5').update(document).digest('base64') },
    });
    expect(res.status).toBe(400);
    expect(xmlCode(res.body)).toBe('MalformedXML');
    expect(await readFile(join(gw.root, 'edges', 'kept'), 'utf8')).toBe('kept');
  });

  describe('malformed HTTP is answered with S3 XML', () => {
    it('answers a Content-Length that is no number with 400 BadRequest', async () => {
      const answer = await rawExchange(gw.port, 'PUT /edges/k HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\nabc');
      expect(finalStatus(answer)).toBe(400);
      expect(answer).toMatch(/content-type: application\/xml/i);
      expect(answer).toMatch(/x-amz-request-id: [0-9A-F]{16}/i);
      expect(xmlCode(answer)).toBe('BadRequest');
    });

    it('answers a header section over the limit with RequestHeaderSectionTooLarge', async () => {
      const answer = await rawExchange(gw.port, `GET /edges HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(32 * 1024)}\r\n\r\n`);
      expect(finalStatus(answer)).toBe(400);
      expect(xmlCode(answer)).toBe('RequestHeaderSectionTooLarge');
    });

    it('answers a body shorter than its Content-Length with IncompleteBody and stores nothing', async () => {
      const signed = await signRequest(gw.port, gw.rootCredentials, {
        method: 'PUT',
        path: '/edges/short',
        headers: { 'content-length': '10', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      });
      const lines = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      const answer = await rawExchange(gw.port, `PUT ${signed.path} HTTP/1.1\r\n${lines}\r\nabc`, { halfClose: true });
      expect(finalStatus(answer)).toBe(400);
      expect(xmlCode(answer)).toBe('IncompleteBody');
      expect(answer).toMatch(/x-amz-request-id: [0-9A-F]{16}/i);
      await expect(readFile(join(gw.root, 'edges', 'short'))).rejects.toThrow();
    });

    it('answers an HTTP chunk size that is no hex number with IncompleteBody', async () => {
      const signed = await signRequest(gw.port, gw.rootCredentials, {
        method: 'PUT',
        path: '/edges/chunked',
        headers: {
          'transfer-encoding': 'chunked',
          'content-encoding': 'aws-chunked',
          'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'x-amz-decoded-content-length': '3',
        },
      });
      const lines = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      const answer = await rawExchange(gw.port, `PUT ${signed.path} HTTP/1.1\r\n${lines}\r\nzz\r\nabc\r\n0\r\n\r\n`);
      expect(finalStatus(answer)).toBe(400);
      expect(xmlCode(answer)).toBe('IncompleteBody');
      await expect(readFile(join(gw.root, 'edges', 'chunked'))).rejects.toThrow();
    });

    it('answers an aws-chunked body with a bad chunk size with IncompleteBody', async () => {
      const payload = 'zz\r\nabc\r\n0\r\n\r\n';
      const signed = await signRequest(gw.port, gw.rootCredentials, {
        method: 'PUT',
        path: '/edges/aws-chunked',
        headers: {
          'content-encoding': 'aws-chunked',
          'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'x-amz-decoded-content-length': '3',
          'content-length': String(payload.length),
        },
      });
      const lines = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      const answer = await rawExchange(gw.port, `PUT ${signed.path} HTTP/1.1\r\n${lines}connection: close\r\n\r\n${payload}`);
      expect(finalStatus(answer)).toBe(400);
      expect(xmlCode(answer)).toBe('IncompleteBody');
    });
  });
});
