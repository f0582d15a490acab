import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Client } from 'minio';
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

  it('removes objects and the emptied bucket', async () => {
    await minio.removeObject('minio-bucket', 'dir/file.txt');
    await minio.removeObject('minio-bucket', 'streamed.txt');
    await minio.removeBucket('minio-bucket');
    expect(await minio.bucketExists('minio-bucket')).toBe(false);
  });
});
