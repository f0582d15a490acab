import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ChildGateway, spawnGateway } from './support/child-gateway';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from './support/test-config';

const GiB = 1024 ** 3;
const CHUNK = 1024 * 1024;
const MAX_GROWTH = 100 * 1024 * 1024;

/** 1 GiB generated on the fly (each MiB distinct), hashing what it hands out. */
function generatedBody(size: number, md5: ReturnType<typeof createHash>): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return this.push(null);
      const chunk = Buffer.alloc(Math.min(CHUNK, size - sent), sent / CHUNK);
      chunk.writeUInt32BE(sent / CHUNK, 0);
      sent += chunk.length;
      md5.update(chunk);
      this.push(chunk);
    },
  });
}

describe('streaming: a 1 GiB PUT and GET keep the server small', () => {
  let root: string;
  let gw: ChildGateway;
  let s3: S3Client;
  let peakRss = 0;
  let sampler: NodeJS.Timeout;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-mem-'));
    gw = await spawnGateway(root);
    s3 = new S3Client({
      endpoint: gw.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: TEST_ROOT_ACCESS, secretAccessKey: TEST_ROOT_SECRET },
    });
    await s3.send(new CreateBucketCommand({ Bucket: 'big' }));
  });
  afterAll(async () => {
    clearInterval(sampler);
    s3?.destroy();
    await gw?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('grows resident memory by less than 100 MiB', async () => {
    const baseline = await gw.rssBytes();
    sampler = setInterval(() => {
      gw.rssBytes().then(
        (rss) => (peakRss = Math.max(peakRss, rss)),
        () => undefined,
      );
    }, 50);

    const sentMd5 = createHash('md5');
    const put = await s3.send(new PutObjectCommand({ Bucket: 'big', Key: 'one-gib.bin', Body: generatedBody(GiB, sentMd5), ContentLength: GiB }));
    const expected = sentMd5.digest('hex');
    expect(put.ETag).toBe(`"${expected}"`);
    expect((await stat(join(root, 'big', 'one-gib.bin'))).size).toBe(GiB);

    const got = await s3.send(new GetObjectCommand({ Bucket: 'big', Key: 'one-gib.bin' }));
    const readMd5 = createHash('md5');
    let received = 0;
    for await (const chunk of got.Body as Readable) {
      readMd5.update(chunk as Buffer);
      received += (chunk as Buffer).length;
    }
    expect(received).toBe(GiB);
    expect(readMd5.digest('hex')).toBe(expected);

    clearInterval(sampler);
    peakRss = Math.max(peakRss, await gw.rssBytes());
    const growth = peakRss - baseline;
    process.stdout.write(`server RSS: baseline ${(baseline / 2 ** 20).toFixed(1)} MiB, peak ${(peakRss / 2 ** 20).toFixed(1)} MiB\n`);
    expect(growth).toBeLessThan(MAX_GROWTH);
  }, 300_000);
});
