import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { RunningGateway, startGateway } from './support/gateway';
import { signedRequest, xmlCode } from './support/signed-request';

/** Every file under a directory, recursively, relative to it. */
async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    out.push(join(entry.parentPath, entry.name).slice(dir.length + 1));
  }
  return out.sort();
}

describe('hostile input never escapes the root or changes anything (real gateway)', () => {
  let gw: RunningGateway;
  let outside: string;
  let before: string[];
  const put = (path: string, body = 'payload', headers: Record<string, string> = {}) =>
    signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path, body, headers });
  const get = (path: string) => signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path });

  beforeAll(async () => {
    // The gateway root sits inside a sandbox dir so "one level up" is a place we can watch.
    outside = await mkdtemp(join(tmpdir(), 'tracegw-outside-'));
    gw = await startGateway();
    await gw.s3().send(new CreateBucketCommand({ Bucket: 'hostile' }));
    await mkdir(join(outside, 'target'));
    await writeFile(join(outside, 'target', 'victim.txt'), 'untouched');
    await symlink(join(outside, 'target'), join(gw.root, 'hostile', 'link'));
    before = await tree(outside);
  });
  afterAll(async () => {
    await gw.stop();
    await rm(outside, { recursive: true, force: true });
  });
  afterEach(async () => {
    expect(await tree(outside)).toEqual(before);
    await expect(stat(join(dirname(gw.root), 'escaped.txt'))).rejects.toThrow();
  });

  it.each([
    '/hostile/../escaped.txt',
    '/hostile/a/../../escaped.txt',
    '/hostile/%2E%2E/escaped.txt',
    '/hostile/..%2Fescaped.txt',
    '/hostile/a/%2e%2e/%2e%2e/%2e%2e/escaped.txt',
    '/hostile/./escaped.txt',
    '/hostile/.sgwtmp/escaped.txt',
  ])('refuses the key in %s with a 4xx S3 error', async (path) => {
    const res = await put(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(xmlCode(res.body)).toBeDefined();
    expect(res.headers['x-amz-request-id']).toBeDefined();
  });

  it('refuses a key with a NUL byte', async () => {
    const res = await put('/hostile/nul%00byte.txt');
    expect(res.status).toBe(400);
    expect(await readdir(join(gw.root, 'hostile'))).not.toContain('nul');
  });

  it('refuses a key longer than 1024 bytes with KeyTooLongError and accepts 1024 bytes', async () => {
    const segment = 'k'.repeat(200);
    const long = Array.from({ length: 6 }, () => segment).join('/'); // 1205 bytes
    expect(xmlCode((await put(`/hostile/${long}`)).body)).toBe('KeyTooLongError');
    const exact = `${Array.from({ length: 5 }, () => segment).join('/')}/${'k'.repeat(1024 - 5 * 201)}`;
    expect(Buffer.byteLength(exact)).toBe(1024);
    expect((await put(`/hostile/${exact}`)).status).toBe(200);
  });

  it('does not follow a symlink out of the bucket, for reads or writes', async () => {
    const read = await get('/hostile/link/victim.txt');
    expect(read.status).toBeGreaterThanOrEqual(400);
    expect(read.body).not.toContain('untouched');
    const write = await put('/hostile/link/victim.txt', 'overwritten');
    expect(write.status).toBeGreaterThanOrEqual(400);
    const create = await put('/hostile/link/new.txt', 'planted');
    expect(create.status).toBeGreaterThanOrEqual(400);
  });

  it('answers a URL that cannot be decoded with InvalidURI and a request id', async () => {
    for (const path of ['/hostile/%ZZ', '/%E0%A4%A/x']) {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(xmlCode(res.body)).toBe('InvalidURI');
      expect(res.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    }
  });

  it('refuses bucket names that are path tricks', async () => {
    for (const path of ['/../escaped.txt', '/.tracegw/journal.db', '/..%2F/escaped.txt']) {
      const res = await get(path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('answers MalformedXML for a broken CreateBucketConfiguration and refuses an oversized document', async () => {
    expect(xmlCode((await put('/newbucket', '<CreateBucketConfiguration><LocationConstraint>')).body)).toBe('MalformedXML');
    const huge = `<CreateBucketConfiguration><LocationConstraint>${'x'.repeat(2 * 1024 * 1024)}</LocationConstraint></CreateBucketConfiguration>`;
    expect(xmlCode((await put('/newbucket', huge)).body)).toBe('MaxMessageLengthExceeded');
    await expect(stat(join(gw.root, 'newbucket'))).rejects.toThrow();
  });

  it('refuses a body whose sha256 does not match x-amz-content-sha256 and stores nothing', async () => {
    const res = await signedRequest(gw.port, gw.rootCredentials, {
      method: 'PUT',
      path: '/hostile/tampered.txt',
      body: 'the real body',
      headers: { 'x-amz-content-sha256': 'a'.repeat(64) },
    });
    expect(xmlCode(res.body)).toBe('XAmzContentSHA256Mismatch');
    await expect(stat(join(gw.root, 'hostile', 'tampered.txt'))).rejects.toThrow();
    expect(await readdir(join(gw.root, 'hostile', '.sgwtmp'))).toEqual([]);
  });

  it('answers errors to HEAD with a status and no body, and stamps every response with a request id', async () => {
    const head = await signedRequest(gw.port, gw.rootCredentials, { method: 'HEAD', path: '/hostile/absent' });
    expect(head.status).toBe(404);
    expect(head.body).toBe('');
    expect(head.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
    expect(head.headers['x-trace-id']).toMatch(/^[0-9a-f]{32}$/);
    const notAllowed = await signedRequest(gw.port, gw.rootCredentials, { method: 'PATCH', path: '/hostile/x' });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers['x-amz-request-id']).toBeDefined();
    expect(notAllowed.headers['x-trace-id']).not.toBe(head.headers['x-trace-id']);
    const unimplemented = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/hostile', query: { website: '' } });
    expect(xmlCode(unimplemented.body)).toBe('NotImplemented');
    expect(unimplemented.status).toBe(501);
  });
});
