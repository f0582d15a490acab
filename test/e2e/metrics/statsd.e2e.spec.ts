import { createSocket, type Socket } from 'node:dgram';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from '../support/gateway';
import { errorStatus } from '../support/s3-error-code';

/** One StatsD counter line: `name,tag=value,...:value|c`. */
interface CounterLine {
  name: string;
  tags: Record<string, string>;
  value: number;
}

function parseLine(line: string): CounterLine {
  const match = /^([^,:]+)((?:,[^,=]+=[^,:]*)*):(\d+)\|c$/.exec(line);
  if (!match) throw new Error(`not a StatsD counter line: ${line}`);
  const tags = Object.fromEntries(
    match[2]
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  return { name: match[1], tags, value: Number(match[3]) };
}

/** A StatsD server of the test's own: every datagram it receives, split into lines. */
async function listenStatsd(): Promise<{ socket: Socket; port: number; lines: CounterLine[]; datagrams: Buffer[] }> {
  const socket = createSocket('udp4');
  const lines: CounterLine[] = [];
  const datagrams: Buffer[] = [];
  socket.on('message', (message) => {
    datagrams.push(message);
    for (const line of message.toString('utf8').split('\n')) lines.push(parseLine(line));
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port, lines, datagrams };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sum = (lines: CounterLine[], name: string, where: Record<string, string>): number =>
  lines.filter((line) => line.name === name && Object.entries(where).every(([k, v]) => line.tags[k] === v)).reduce((total, line) => total + line.value, 0);

describe('StatsD (--metrics-statsd-servers): VersityGW counters over UDP', () => {
  let statsd: Awaited<ReturnType<typeof listenStatsd>>;
  let second: Awaited<ReturnType<typeof listenStatsd>>;
  let gw: RunningGateway;
  let s3: S3Client;

  beforeAll(async () => {
    statsd = await listenStatsd();
    second = await listenStatsd();
    gw = await startGateway(() => ({
      metrics: { port: undefined, serviceName: 'gw-under-test', statsdServers: [{ host: '127.0.0.1', port: statsd.port }, { host: '127.0.0.1', port: second.port }] },
    }));
    s3 = gw.s3();
  });
  afterAll(async () => {
    await gw?.stop();
    statsd?.socket.close();
    second?.socket.close();
  });

  it("sends each request's counters with VersityGW's names and tags, to every server", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'counted' }));
    await s3.send(new PutObjectCommand({ Bucket: 'counted', Key: 'a', Body: 'x'.repeat(1000) }));
    await s3.send(new PutObjectCommand({ Bucket: 'counted', Key: 'b', Body: 'y'.repeat(24) }));
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'counted', Key: 'a' }))).Body?.transformToString()).toHaveLength(1000);
    expect(await errorStatus(s3.send(new GetObjectCommand({ Bucket: 'counted', Key: 'missing' })))).toBe(404);
    await s3.send(new DeleteObjectCommand({ Bucket: 'counted', Key: 'b' }));

    await until(() => sum(statsd.lines, 'versitygw.object_removed_count', {}) === 1 && sum(second.lines, 'versitygw.object_removed_count', {}) === 1);
    const { lines } = statsd;
    const tagsOf = { service: 'gw-under-test', api: 's3', bucket: 'counted' };
    expect(sum(lines, 'versitygw.success_count', { ...tagsOf, action: 'PutObject', method: 'PUT', status: '200' })).toBe(2);
    expect(sum(lines, 'versitygw.object_created_count', { ...tagsOf, action: 'PutObject' })).toBe(2);
    expect(sum(lines, 'versitygw.bytes_written', { ...tagsOf, action: 'PutObject' })).toBe(1024);
    expect(sum(lines, 'versitygw.success_count', { ...tagsOf, action: 'GetObject', method: 'GET', status: '200' })).toBe(1);
    expect(sum(lines, 'versitygw.bytes_read', { ...tagsOf, action: 'GetObject', status: '200' })).toBeGreaterThanOrEqual(1000);
    expect(sum(lines, 'versitygw.failed_count', { ...tagsOf, action: 'GetObject', status: '404' })).toBe(1);
    expect(sum(lines, 'versitygw.success_count', { ...tagsOf, action: 'DeleteObject', method: 'DELETE', status: '204' })).toBe(1);
    expect(sum(lines, 'versitygw.success_count', { service: 'gw-under-test', action: 'CreateBucket' })).toBe(1);
    // The second server got the same lines.
    expect(second.lines).toEqual(lines);
    // Batched: fewer datagrams than lines, none over go-statsd's 1,432 bytes.
    expect(statsd.datagrams.length).toBeLessThan(lines.length);
    expect(Math.max(...statsd.datagrams.map((d) => d.length))).toBeLessThanOrEqual(1432);
  });

  it('names a request whose operation was never told as VersityGW does', async () => {
    const response = await fetch(`http://127.0.0.1:${gw.port}/counted/a`, { method: 'PATCH' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    await until(() => statsd.lines.some((line) => line.tags.action === 'ActionUnDetected'));
    const line = statsd.lines.find((entry) => entry.tags.action === 'ActionUnDetected');
    expect(line).toMatchObject({ name: 'versitygw.failed_count', value: 1, tags: { api: 'unknown', method: 'PATCH' } });
  });

  it('never holds a request when no StatsD server listens', async () => {
    const nowhere = await listenStatsd();
    const port = nowhere.port;
    nowhere.socket.close();
    const lonely = await startGateway(() => ({ metrics: { port: undefined, serviceName: 'lonely', statsdServers: [{ host: '127.0.0.1', port }] } }));
    try {
      const client = lonely.s3();
      await client.send(new CreateBucketCommand({ Bucket: 'quiet' }));
      for (let i = 0; i < 20; i++) await client.send(new PutObjectCommand({ Bucket: 'quiet', Key: `k${i}`, Body: 'z' }));
      // Past the 100 ms flush: the refused datagrams were sent, and the gateway goes on serving.
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect((await client.send(new GetObjectCommand({ Bucket: 'quiet', Key: 'k3' }))).$metadata.httpStatusCode).toBe(200);
    } finally {
      await lonely.stop();
    }
  });
});
