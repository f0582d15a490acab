import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { type RunningGateway, startGateway } from './support/gateway';
import { errorCode } from './support/s3-error-code';
import { signedRequest } from './support/signed-request';

const xmlCode = (body: string): string | undefined => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];

describe('object tagging (real gateway, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'tags' }));
  });
  afterAll(() => gw.stop());

  const tagsOf = async (Key: string) => (await s3.send(new GetObjectTaggingCommand({ Bucket: 'tags', Key }))).TagSet?.map((t) => [t.Key, t.Value]);

  it('puts, gets, replaces and deletes the tags of an object, and counts them on GET and HEAD', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'doc.txt', Body: 'doc' }));
    expect(await tagsOf('doc.txt')).toEqual([]);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'tags', Key: 'doc.txt' }))).TagCount).toBeUndefined();

    await s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'doc.txt', Tagging: { TagSet: [{ Key: 'team', Value: 'storage' }, { Key: 'empty', Value: '' }] } }));
    expect(await tagsOf('doc.txt')).toEqual([['empty', ''], ['team', 'storage']]);
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'tags', Key: 'doc.txt' }))).TagCount).toBe(2);
    expect((await s3.send(new GetObjectCommand({ Bucket: 'tags', Key: 'doc.txt' }))).TagCount).toBe(2);

    await s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'doc.txt', Tagging: { TagSet: [{ Key: 'only', Value: 'this' }] } }));
    expect(await tagsOf('doc.txt')).toEqual([['only', 'this']]);
    const deleted = await s3.send(new DeleteObjectTaggingCommand({ Bucket: 'tags', Key: 'doc.txt' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(await tagsOf('doc.txt')).toEqual([]);
  });

  it('keeps x-amz-tagging of PutObject, and a copy takes the tags with it', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'tagged-at-birth', Body: 'x', Tagging: 'project=apollo&phase=11' }));
    expect(await tagsOf('tagged-at-birth')).toEqual([['phase', '11'], ['project', 'apollo']]);
    await s3.send(new CopyObjectCommand({ Bucket: 'tags', Key: 'its-copy', CopySource: 'tags/tagged-at-birth' }));
    expect(await tagsOf('its-copy')).toEqual([['phase', '11'], ['project', 'apollo']]);
    // An overwrite is a new object: it has only the tags it came with.
    await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'tagged-at-birth', Body: 'y' }));
    expect(await tagsOf('tagged-at-birth')).toEqual([]);
  });

  it('answers S3 rules: BadRequest past 10 tags, InvalidTag for bad keys and values, NoSuchKey without the object', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'rules', Body: 'r' }));
    const put = (TagSet: Array<{ Key: string; Value: string }>) => errorCode(s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'rules', Tagging: { TagSet } })));
    expect(await put(Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })))).toBe('BadRequest');
    expect(await put([{ Key: 'k'.repeat(129), Value: 'v' }])).toBe('InvalidTag');
    expect(await put([{ Key: 'k', Value: 'v'.repeat(257) }])).toBe('InvalidTag');
    expect(await put([{ Key: 'aws:reserved', Value: 'v' }])).toBe('InvalidTag');
    expect(await put([{ Key: 'braces{}', Value: 'v' }])).toBe('InvalidTag');
    expect(await put([{ Key: 'same', Value: '1' }, { Key: 'same', Value: '2' }])).toBe('InvalidTag');
    expect(await errorCode(s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'rules', Body: 'r', Tagging: Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&') })))).toBe('BadRequest');
    expect(await tagsOf('rules')).toEqual([]);
    expect(await errorCode(s3.send(new GetObjectTaggingCommand({ Bucket: 'tags', Key: 'missing' })))).toBe('NoSuchKey');
    expect(await errorCode(s3.send(new PutObjectTaggingCommand({ Bucket: 'tags', Key: 'missing', Tagging: { TagSet: [] } })))).toBe('NoSuchKey');
  });

  it('requires a Content-MD5 or x-amz-checksum-* on PutObjectTagging, and a well-formed document', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'tags', Key: 'raw', Body: 'r' }));
    const body = '<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>';
    const md5 = (text: string) => createHash('md5').update(text).digest('base64');
    const put = (text: string, headers: Record<string, string>) =>
      signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/tags/raw', query: { tagging: '' }, headers, body: text });
    expect(xmlCode((await put(body, {})).body)).toBe('InvalidRequest');
    expect(xmlCode((await put(body, { 'content-md5': md5('other') })).body)).toBe('BadDigest');
    expect(xmlCode((await put('<Tagging><Tag/></Tagging>', { 'content-md5': md5('<Tagging><Tag/></Tagging>') })).body)).toBe('MalformedXML');
    expect((await put(body, { 'content-md5': md5(body) })).status).toBe(200);
    expect(await tagsOf('raw')).toEqual([['a', 'b']]);
  });
});
