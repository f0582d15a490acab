import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { FileSpan } from '../../../src/backends/posix/file-span';
import { OpenFile } from '../../../src/backends/posix/open-file';
import { bytesSentOn } from '../../../src/request/bytes-sent-outside';
import { sendFileSpan } from '../../../src/s3/http/body/send-file-span';
import { TEST_CERT, TEST_KEY } from '../../unit/config/fixtures';

/**
 * GET's sendfile path against a real Fastify server on loopback: the bytes, the connection kept
 * alive after it, the fallback where sendfile cannot run, and what a client that goes away leaves.
 */
describe('sending a file span', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracegw-sendfile-'));
  const small = randomBytes(3 * 1024 * 1024 + 17);
  const large = randomBytes(64 * 1024 * 1024);
  const smallPath = join(dir, 'small');
  const largePath = join(dir, 'large');
  writeFileSync(smallPath, small);
  writeFileSync(largePath, large);
  /** The last response's socket, to read its counters once the response closed. */
  let lastSocket: Socket | undefined;
  let lastClosed: Promise<void> = Promise.resolve();

  /** Calls through: counts the spans that went as a stream rather than by sendfile. */
  const streamSpy = jest.spyOn(FileSpan.prototype, 'stream');
  const streamed = (): number => streamSpy.mock.calls.length;

  function app(https = false): FastifyInstance {
    // The HTTPS instance has its own server type; the routes and listen are the same.
    const fastify = https ? (Fastify({ https: { cert: TEST_CERT, key: TEST_KEY } }) as unknown as FastifyInstance) : Fastify();
    fastify.get('/:name', (request, reply) => {
      const { name } = request.params as { name: string };
      const { start, length } = request.query as { start?: string; length?: string };
      const path = name === 'large' ? largePath : name === 'cut' ? join(dir, 'cut') : smallPath;
      const size = name === 'large' ? large.length : name === 'cut' ? large.length : small.length;
      const from = Number(start ?? 0);
      const span = new FileSpan(new OpenFile(openSync(path, 'r')), from, Number(length ?? size - from));
      if (name === 'cut') truncateSync(path, 1024 * 1024);
      lastSocket = reply.raw.socket ?? undefined;
      lastClosed = new Promise((resolve) => reply.raw.once('close', () => resolve()));
      reply.header('content-length', String(span.length));
      sendFileSpan(reply, span);
      return reply;
    });
    return fastify;
  }

  let server: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    server = app();
    base = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    streamSpy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => streamSpy.mockClear());

  /** The descriptors this process has open: a leaked file or connection descriptor shows here. */
  const openDescriptors = (): number => readdirSync('/proc/self/fd').length;

  /**
   * GETs url. Pass `agent: false` where a test counts streamed spans: on a kept-alive connection the
   * next request may arrive while the last response is still ending, and then rightly streams.
   */
  function fetchBody(url: string, options: { agent?: Agent | false; https?: boolean } = {}): Promise<{ body: Buffer; res: IncomingMessage; reused: boolean }> {
    return new Promise((resolve, reject) => {
      const get = options.https ? httpsGet : httpGet;
      const req = get(url, { agent: options.agent, rejectUnauthorized: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ body: Buffer.concat(chunks), res, reused: req.reusedSocket }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  }

  it('sends the bytes with sendfile on a plain connection, never through a stream', async () => {
    const { body, res } = await fetchBody(`${base}/small`, { agent: false });
    expect(res.statusCode).toBe(200);
    expect(body.equals(small)).toBe(true);
    expect(streamed()).toBe(0);
  });

  it('sends a span from inside the file', async () => {
    const { body } = await fetchBody(`${base}/small?start=1000001&length=123457`, { agent: false });
    expect(body.equals(small.subarray(1000001, 1000001 + 123457))).toBe(true);
    expect(streamed()).toBe(0);
  });

  it('counts the bytes it sent on the connection, which Node never wrote', async () => {
    // A connection of its own, so the counters hold this response alone.
    await fetchBody(`${base}/small`, { agent: false });
    await lastClosed;
    const socket = lastSocket as Socket;
    expect(bytesSentOn(socket) - socket.bytesWritten).toBe(small.length);
  });

  it('keeps the connection for the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await fetchBody(`${base}/large`, { agent });
      const second = await fetchBody(`${base}/small`, { agent });
      expect(first.body.equals(large)).toBe(true);
      expect(second.body.equals(small)).toBe(true);
      expect(second.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('answers pipelined requests in order, the one waiting behind another through a stream', async () => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => socket.on('end', resolve));
    socket.write('GET /large HTTP/1.1\r\nHost: x\r\n\r\nGET /small HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await ended;
    const all = Buffer.concat(chunks);
    const firstBody = all.indexOf('\r\n\r\n') + 4;
    expect(all.subarray(firstBody, firstBody + large.length).equals(large)).toBe(true);
    const rest = all.subarray(firstBody + large.length);
    expect(rest.subarray(0, 15).toString()).toBe('HTTP/1.1 200 OK');
    const secondBody = rest.indexOf('\r\n\r\n') + 4;
    expect(rest.subarray(secondBody).equals(small)).toBe(true);
    expect(streamed()).toBe(1);
  });

  it('closes the file and its copy of the connection when the client goes away mid-body', async () => {
    const before = openDescriptors();
    await new Promise<void>((resolve, reject) => {
      const req = httpGet(`${base}/large`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    });
    await lastClosed;
    await waitFor(() => openDescriptors() <= before);
    expect(openDescriptors()).toBeLessThanOrEqual(before);
    expect((await fetchBody(`${base}/small`)).body.equals(small)).toBe(true);
  });

  it('lets go of a client that stopped reading once the server closes its connection', async () => {
    const before = openDescriptors();
    lastSocket = undefined;
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    const clientClosed = new Promise((resolve) => socket.on('close', resolve));
    socket.once('data', () => socket.pause());
    socket.write('GET /large HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitFor(() => lastSocket !== undefined && bytesSentOn(lastSocket) > 0);
    // The kernel's buffers hold a few MiB of the 64: the sender is waiting for writability.
    await new Promise((r) => setTimeout(r, 200));
    // Assigned by the handler, which the compiler cannot see from here.
    (lastSocket as Socket | undefined)?.destroy();
    await lastClosed;
    // With the client still not reading, nothing but the shutdown wakes the sender to close its copy.
    await waitFor(() => openDescriptors() <= before + 1);
    expect(openDescriptors()).toBeLessThanOrEqual(before + 1);
    socket.resume();
    await clientClosed;
    await waitFor(() => openDescriptors() <= before);
    expect(openDescriptors()).toBeLessThanOrEqual(before);
  });

  /** What a client sees of a GET of a file cut shorter than its Content-Length. */
  function cutGet(url: string, https = false): Promise<string> {
    writeFileSync(join(dir, 'cut'), large);
    return new Promise<string>((resolve) => {
      (https ? httpsGet : httpGet)(url, { rejectUnauthorized: false }, (res) => {
        let got = 0;
        res.on('data', (c: Buffer) => (got += c.length));
        res.on('end', () => resolve(`ended after ${got}`));
        res.on('error', () => resolve('cut'));
        res.on('aborted', () => resolve('cut'));
      }).on('error', () => resolve('cut'));
    });
  }

  it('drops the connection when the file turns out shorter than its length', async () => {
    expect(await cutGet(`${base}/cut`)).toBe('cut');
  });

  it('streams over TLS, which sendfile cannot encrypt', async () => {
    const tls = app(true);
    const url = await tls.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { body } = await fetchBody(`${url}/small`, { https: true });
      expect(body.equals(small)).toBe(true);
      expect(streamed()).toBe(1);
      // Streamed, a file cut short drops the connection too, rather than leave the client waiting.
      expect(await cutGet(`${url}/cut`, true)).toBe('cut');
    } finally {
      await tls.close();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}
