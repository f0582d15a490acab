import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';

/** How log readers split a line: quoted and bracketed fields hold spaces, the others do not. */
function fieldsOf(line: string): string[] {
  return (line.match(/"[^"]*"|\[[^\]]*\]|\S+/g) ?? []).map((field) => field.replace(/^"(.*)"$/, '$1'));
}

async function linesOf(file: string): Promise<string[][]> {
  const text = await readFile(file, 'utf8');
  return text.split('\n').filter(Boolean).map(fieldsOf);
}

describe('--access-log (real gateway)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  let file: string;

  beforeAll(async () => {
    gw = await startGateway((root) => ({ accessLog: join(root, 'access.log'), health: '/health' }));
    file = join(gw.root, 'access.log');
    s3 = gw.s3();
  });
  afterAll(() => gw?.stop());

  it('appends one line per request, in the S3 server access log format, with the right fields', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'logged' }));
    await s3.send(new PutObjectCommand({ Bucket: 'logged', Key: 'dir/a b.txt', Body: 'hello world' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'logged', Key: 'dir/a b.txt' }));
    await got.Body?.transformToString();
    expect(await errorCode(gw.s3({ access: gw.rootCredentials.access, secret: 'wrong' }).send(new GetObjectCommand({ Bucket: 'logged', Key: 'x' })))).toBe(
      'SignatureDoesNotMatch',
    );
    // The health probe is not a request of the S3 API: no line.
    expect((await fetch(`${gw.endpoint}/health`)).status).toBe(200);
    gw.gateway.accessLog?.flush();
    // A batch is one asynchronous append: give it a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const lines = await linesOf(file);
    expect(lines.map((fields) => fields[6])).toEqual(['CreateBucket', 'PutObject', 'GetObject', 'GetObject']);
    for (const fields of lines) expect(fields).toHaveLength(26);

    const [, put, get, refused] = lines;
    const access = gw.rootCredentials.access;
    expect(put.slice(0, 2)).toEqual(['-', 'logged']);
    expect(put[2]).toMatch(/^\[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000\]$/);
    expect(put[3]).toBe('127.0.0.1');
    expect(put[4]).toBe(access);
    expect(put[5]).toMatch(/^[0-9A-F]+$/i);
    expect(put[7]).toBe('dir/a%20b.txt');
    expect(put[8]).toMatch(/^PUT \/logged\/dir\/a%20b\.txt(\?\S*)? HTTP\/1\.1$/);
    expect(put.slice(9, 13)).toEqual(['200', '-', '-', '11']);
    expect(Number(put[13])).toBeGreaterThanOrEqual(0);
    expect(put[16]).toMatch(/aws-sdk-js/);
    expect(put[19]).toBe('SigV4');
    expect(put[21]).toBe('AuthHeader');
    expect(put[22]).toBe(`127.0.0.1:${gw.port}`);

    expect(get.slice(9, 13)).toEqual(['200', '-', '11', '11']);
    expect(refused[4]).toBe('-');
    expect(refused.slice(9, 11)).toEqual(['403', 'SignatureDoesNotMatch']);
    expect(refused[19]).toBe('-');
  });

  it('starts a new file on reopen (what SIGHUP calls) after a rotation by rename, losing no line', async () => {
    await rename(file, `${file}.1`);
    await s3.send(new PutObjectCommand({ Bucket: 'logged', Key: 'after-rename', Body: 'x' }));
    // Still queued, or still written to the renamed file: either way in the old one once reopened.
    gw.gateway.accessLog?.reopen();
    await s3.send(new PutObjectCommand({ Bucket: 'logged', Key: 'after-reopen', Body: 'x' }));
    gw.gateway.accessLog?.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await linesOf(`${file}.1`)).map((fields) => fields[7])).toContain('after-rename');
    expect((await linesOf(file)).map((fields) => fields[7])).toEqual(['after-reopen']);
  });
});
