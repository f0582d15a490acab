import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash, randomBytes } from 'node:crypto';
import { Client as MinioClient, type Client } from 'minio';
import { RunningGateway, startGateway } from './support/gateway';

async function collect(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('the minio client against a real gateway', () => {
  let gw: RunningGateway;
  let minio: Client;

  beforeAll(async () => {
    gw = await startGateway();
    minio = gw.minio();
  });
  afterAll(() => gw.stop());

  it('makes, finds and lists buckets', async () => {
    await minio.makeBucket('minio-bucket', 'us-east-1');
    expect(await minio.bucketExists('minio-bucket')).toBe(true);
    expect(await minio.bucketExists('not-there')).toBe(false);
    expect((await minio.listBuckets()).map((b) => b.name)).toEqual(['minio-bucket']);
  });

  it('puts, stats, gets and ranges objects', async () => {
    await minio.putObject('minio-bucket', 'dir/file.txt', Buffer.from('from the minio client'), undefined, { 'Content-Type': 'text/plain', 'X-Amz-Meta-Origin': 'minio' });
    expect(await readFile(join(gw.root, 'minio-bucket', 'dir', 'file.txt'), 'utf8')).toBe('from the minio client');
    const stat = await minio.statObject('minio-bucket', 'dir/file.txt');
    expect(stat.size).toBe(21);
    expect(stat.metaData['content-type']).toBe('text/plain');
    expect(stat.metaData.origin).toBe('minio');
    expect(await collect(await minio.getObject('minio-bucket', 'dir/file.txt'))).toBe('from the minio client');
    expect(await collect(await minio.getPartialObject('minio-bucket', 'dir/file.txt', 5, 5))).toBe('the m');
  });

  it('streams an upload of known length', async () => {
    const body = Readable.from([Buffer.from('streamed '), Buffer.from('in '), Buffer.from('pieces')]);
    await minio.putObject('minio-bucket', 'streamed.txt', body, 18);
    expect(await readFile(join(gw.root, 'minio-bucket', 'streamed.txt'), 'utf8')).toBe('streamed in pieces');
  });

  it('uploads a stream of unknown length in parts (ListMultipartUploads first, then multipart)', async () => {
    // minio asks ListMultipartUploads for an upload of the key to resume, then sends 5 MiB parts.
    const { access, secret } = gw.rootCredentials;
    const client = new MinioClient({
      ...{ endPoint: '127.0.0.1', port: gw.port, useSSL: false, pathStyle: true, region: 'us-east-1' },
      ...{ accessKey: access, secretKey: secret, partSize: 5 * 1024 * 1024 },
    });
    const data = randomBytes(12 * 1024 * 1024 + 777);
    const body = Readable.from((function* () {
      for (let off = 0; off < data.length; off += 256 * 1024) yield data.subarray(off, off + 256 * 1024);
    })());
    const result = await client.putObject('minio-bucket', 'streamed/unknown.bin', body);
    expect(result.etag).toMatch(/^[0-9a-f]{32}-3$/);
    const stored = await readFile(join(gw.root, 'minio-bucket', 'streamed', 'unknown.bin'));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    const left: unknown[] = [];
    for await (const upload of client.listIncompleteUploads('minio-bucket', '', true)) left.push(upload);
    expect(left).toEqual([]);
    await client.removeObject('minio-bucket', 'streamed/unknown.bin');
  });

  it('lists objects recursively and by prefix (ListObjectsV2)', async () => {
    const names: string[] = [];
    for await (const item of minio.listObjectsV2('minio-bucket', '', true)) names.push((item as { name: string }).name);
    expect(names).toEqual(['dir/file.txt', 'streamed.txt']);
    const top: string[] = [];
    for await (const item of minio.listObjectsV2('minio-bucket', '', false)) {
      const entry = item as { name?: string; prefix?: string };
      top.push(entry.name ?? entry.prefix ?? '');
    }
    expect(top.sort()).toEqual(['dir/', 'streamed.txt']);
  });

  it('removes objects, one (DeleteObject) and several at once (DeleteObjects), then the emptied bucket', async () => {
    await minio.removeObject('minio-bucket', 'dir/file.txt');
    await minio.putObject('minio-bucket', 'batch/a', Buffer.from('a'));
    await minio.putObject('minio-bucket', 'batch/b', Buffer.from('b'));
    const failed = await minio.removeObjects('minio-bucket', ['streamed.txt', 'batch/a', 'batch/b']);
    expect(failed).toEqual([]);
    await minio.removeBucket('minio-bucket');
    expect(await minio.bucketExists('minio-bucket')).toBe(false);
  });
});
