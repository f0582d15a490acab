import { connect, type Socket } from 'node:net';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { RunningGateway, startGateway } from './support/gateway';

/** Everything the server sent on a socket until it closed it. */
function readAll(socket: Socket): Promise<string> {
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (text += chunk));
  return new Promise((resolve, reject) => {
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('--health (real gateway)', () => {
  let gw: RunningGateway;

  beforeAll(async () => {
    gw = await startGateway(() => ({ health: '/healthz' }));
    await gw.s3().send(new CreateBucketCommand({ Bucket: 'kept' }));
  });
  afterAll(() => gw?.stop());

  it('answers GET and HEAD of the path with 200, without authentication and without a history row', async () => {
    gw.gateway.services.history.writer.flush();
    const before = gw.gateway.services.history.writer.stats().written;
    const get = await fetch(`${gw.endpoint}/healthz`);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('OK');
    expect(get.headers.get('x-amz-request-id')).toBeNull();
    expect((await fetch(`${gw.endpoint}/healthz`, { method: 'HEAD' })).status).toBe(200);
    gw.gateway.services.history.writer.flush();
    expect(gw.gateway.services.history.writer.stats().written).toBe(before);
  });

  it('leaves other paths and other methods on the path to S3', async () => {
    // A query string makes it an S3 request (an anonymous ListObjects of the bucket "healthz"): S3's XML error.
    const withQuery = await fetch(`${gw.endpoint}/healthz?x=1`);
    expect(withQuery.status).toBeGreaterThanOrEqual(400);
    expect(withQuery.headers.get('x-amz-request-id')).not.toBeNull();
    expect(await withQuery.text()).toMatch(/^<\?xml[\s\S]*<Error>/);
    // PUT on the path is CreateBucket of that name.
    await gw.s3().send(new CreateBucketCommand({ Bucket: 'healthz' }));
    expect((await fetch(`${gw.endpoint}/healthz`)).status).toBe(200);
    const other = await fetch(`${gw.endpoint}/kept`);
    expect(other.headers.get('x-amz-request-id')).not.toBeNull();
  });

  it('answers 503 to the probe while the gateway drains a request in flight', async () => {
    const drained = await startGateway(() => ({ health: '/healthz' }));
    const s3 = drained.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'slow' }));
    const url = new URL(await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'slow', Key: 'upload' }), { expiresIn: 60 }));
    const socket = connect(drained.port, '127.0.0.1');
    const answers = readAll(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    const target = `${url.pathname}${url.search}`;
    socket.write(`PUT ${target} HTTP/1.1\r\nHost: 127.0.0.1:${drained.port}\r\nContent-Length: 10\r\n\r\n12345`);
    // The upload is in flight when the drain starts: its connection stays open until it is done.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = drained.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The rest of the body, then the probe on the same connection.
    socket.write(`67890GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${drained.port}\r\n\r\n`);
    const text = await answers;
    await closing;
    const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => Number(match[1]));
    expect(statuses).toEqual([200, 503]);
  });
});
