import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';
import { signedRequest } from './support/signed-request';

const xmlCode = (body: string): string | undefined => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
const md5Base64 = (body: string): string => createHash('md5').update(body).digest('base64');

describe('DeleteObjects (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'batch' }));
  });
  afterAll(() => gw.stop());

  async function put(...keys: string[]): Promise<void> {
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: 'batch', Key, Body: Key }));
  }
  const keysLeft = async (Prefix: string): Promise<string[]> =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: 'batch', Prefix }))).Contents ?? []).map((o) => o.Key ?? '');

  it('deletes every listed key, missing ones too, and reports each as Deleted, in order', async () => {
    await put('many/a.txt', 'many/deep/b.txt', 'many/c.txt');
    const out = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'batch',
        Delete: { Objects: [{ Key: 'many/a.txt' }, { Key: 'many/deep/b.txt' }, { Key: 'many/never-was' }, { Key: 'many/c.txt', VersionId: 'null' }] },
      }),
    );
    expect(out.Deleted?.map((d) => [d.Key, d.VersionId])).toEqual([
      ['many/a.txt', undefined],
      ['many/deep/b.txt', undefined],
      ['many/never-was', undefined],
      ['many/c.txt', 'null'],
    ]);
    expect(out.Errors).toBeUndefined();
    expect(await keysLeft('many/')).toEqual([]);
    // The directories made for the keys go with their last object, as with DeleteObject.
    await expect(stat(join(gw.root, 'batch', 'many'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a key that cannot be deleted as an Error and deletes the others; Quiet lists only the errors', async () => {
    await put('mixed/ok-1', 'mixed/ok-2');
    const out = await s3.send(
      new DeleteObjectsCommand({
        Bucket: 'batch',
        Delete: { Quiet: true, Objects: [{ Key: 'mixed/ok-1' }, { Key: 'mixed/ok-2', VersionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY' }, { Key: 'mixed/../../escape' }] },
      }),
    );
    expect(out.Deleted).toBeUndefined();
    expect(out.Errors?.map((e) => [e.Key, e.Code])).toEqual([
      ['mixed/ok-2', 'InvalidArgument'],
      ['mixed/../../escape', 'InvalidArgument'],
    ]);
    expect(out.Errors?.[0].Message).toBe('Invalid version id specified');
    expect(await keysLeft('mixed/')).toEqual(['mixed/ok-2']);
  });

  it('deletes a thousand keys in one request', async () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `thousand/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((Key) => s3.send(new PutObjectCommand({ Bucket: 'batch', Key, Body: '' }))));
    const out = await s3.send(new DeleteObjectsCommand({ Bucket: 'batch', Delete: { Objects: keys.map((Key) => ({ Key })) } }));
    expect(out.Deleted?.map((d) => d.Key)).toEqual(keys);
    expect(await readdir(join(gw.root, 'batch'))).not.toContain('thousand');
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    expect(await errorCode(s3.send(new DeleteObjectsCommand({ Bucket: 'no-such-batch', Delete: { Objects: [{ Key: 'a' }] } })))).toBe('NoSuchBucket');
  });

  describe('the document and its integrity (raw requests)', () => {
    const post = (body: string, headers: Record<string, string> = { 'content-md5': md5Base64(body) }) =>
      signedRequest(gw.port, gw.rootCredentials, { method: 'POST', path: '/batch', query: { delete: '' }, headers, body });
    const doc = (objects: string) => `<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${objects}</Delete>`;

    it('requires a Content-MD5 or an x-amz-checksum-*, and deletes nothing without one', async () => {
      await put('guarded');
      const res = await post(doc('<Object><Key>guarded</Key></Object>'), {});
      expect([res.status, xmlCode(res.body)]).toEqual([400, 'InvalidRequest']);
      expect(res.body).toContain('Content-MD5');
      expect(await keysLeft('guarded')).toEqual(['guarded']);
    });

    it('refuses a body that does not match its Content-MD5 (BadDigest), deleting nothing', async () => {
      await put('guarded');
      const res = await post(doc('<Object><Key>guarded</Key></Object>'), { 'content-md5': md5Base64('something else') });
      expect([res.status, xmlCode(res.body)]).toEqual([400, 'BadDigest']);
      expect(await keysLeft('guarded')).toEqual(['guarded']);
    });

    it('takes Go-style escaped text, and answers the response without Deleted entries in quiet mode', async () => {
      await put('a&b');
      const res = await post(doc('<Quiet>true</Quiet><Object><Key>a&#38;b</Key></Object>'));
      expect(res.status).toBe(200);
      expect(res.body).toMatch(/<DeleteResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/"\s*(\/>|><\/DeleteResult>)/);
      expect(await keysLeft('a&b')).toEqual([]);
    });

    it.each([
      ['no Object', doc('')],
      ['an Object without a Key', doc('<Object><VersionId>null</VersionId></Object>')],
      ['a Quiet that is no boolean', doc('<Quiet>yes</Quiet><Object><Key>k</Key></Object>')],
      ['another root element', '<Remove><Object><Key>k</Key></Object></Remove>'],
      ['1,001 Objects', doc('<Object><Key>k</Key></Object>'.repeat(1001))],
      ['an empty body', ''],
    ])('answers MalformedXML for %s', async (_label, body) => {
      const res = await post(body);
      expect([res.status, xmlCode(res.body)]).toEqual([400, 'MalformedXML']);
    });
  });
});
