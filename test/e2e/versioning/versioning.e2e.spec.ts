import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  GetObjectTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { type RunningGateway, startGateway } from '../support/gateway';
import { signedRequest } from '../support/signed-request';
import { rejection, startVersionedGateway, versionsDirOf } from './versioned-gateway';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('bucket versioning (real gateway with --versioning-dir, @aws-sdk/client-s3)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  let bucketNo = 0;

  beforeAll(async () => {
    gw = await startVersionedGateway();
    s3 = gw.s3();
  });
  afterAll(() => gw.stop());

  async function bucket(status?: 'Enabled' | 'Suspended'): Promise<string> {
    const Bucket = `versions-${++bucketNo}`;
    await s3.send(new CreateBucketCommand({ Bucket }));
    if (status) await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: status } }));
    return Bucket;
  }
  const put = async (Bucket: string, Key: string, Body: string) => (await s3.send(new PutObjectCommand({ Bucket, Key, Body }))).VersionId;
  const text = async (Bucket: string, Key: string, VersionId?: string) => (await s3.send(new GetObjectCommand({ Bucket, Key, VersionId }))).Body?.transformToString();
  const versionsOf = async (Bucket: string, Prefix?: string) => {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix }));
    return {
      versions: (page.Versions ?? []).map((v) => [v.Key, v.VersionId, v.IsLatest]),
      markers: (page.DeleteMarkers ?? []).map((m) => [m.Key, m.VersionId, m.IsLatest]),
    };
  };

  it('sets and reports the status; never set, the configuration is empty', async () => {
    const Bucket = await bucket();
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBeUndefined();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Suspended');
    // VersityGW's layout: one byte on the bucket directory, 1 Enabled, 0 Suspended.
    expect(await loadNativeFs().getXattr(join(gw.root, Bucket), 'user.versioning')).toEqual(Buffer.from([0]));
  });

  it('refuses configurations as AWS does', async () => {
    const Bucket = await bucket();
    const send = (body: string) => signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: `/${Bucket}`, query: { versioning: '' }, body });
    const bogus = await send('<VersioningConfiguration><Status>On</Status></VersioningConfiguration>');
    expect([bogus.status, bogus.body]).toEqual([400, expect.stringContaining('<Code>MalformedXML</Code>')]);
    const empty = await send('<VersioningConfiguration></VersioningConfiguration>');
    expect([empty.status, empty.body]).toEqual([400, expect.stringContaining('<Code>IllegalVersioningConfigurationException</Code>')]);
    const notXml = await send('<VersioningConfiguration>');
    expect([notXml.status, notXml.body]).toEqual([400, expect.stringContaining('<Code>MalformedXML</Code>')]);
    expect((await rejection(s3.send(new PutBucketVersioningCommand({ Bucket: 'no-such-bucket', VersioningConfiguration: { Status: 'Enabled' } })))).code).toBe('NoSuchBucket');
  });

  it('gives every PUT a version id, and GET and HEAD serve each version by its id', async () => {
    const Bucket = await bucket('Enabled');
    const v1 = await put(Bucket, 'doc.txt', 'one');
    const v2 = await put(Bucket, 'doc.txt', 'two');
    expect(v1).toMatch(ULID);
    expect(v2).toMatch(ULID);
    expect(v2).not.toBe(v1);
    expect(await text(Bucket, 'doc.txt')).toBe('two');
    expect(await text(Bucket, 'doc.txt', v1)).toBe('one');
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'doc.txt', VersionId: v1 }));
    expect([head.VersionId, head.ContentLength]).toEqual([v1, 3]);
    expect((await s3.send(new GetObjectCommand({ Bucket, Key: 'doc.txt' }))).VersionId).toBe(v2);
    expect(await versionsOf(Bucket)).toEqual({ versions: [['doc.txt', v2, true], ['doc.txt', v1, false]], markers: [] });
  });

  it('keeps older versions in VersityGW layout under the versioning directory', async () => {
    const Bucket = await bucket('Enabled');
    const v1 = await put(Bucket, 'a/b.txt', 'first');
    await put(Bucket, 'a/b.txt', 'second');
    const sum = createHash('sha256').update('a/b.txt').digest('hex');
    const dir = join(versionsDirOf(gw.root), Bucket, sum.slice(0, 2), sum.slice(2, 4), sum.slice(4, 6), sum);
    expect(await readdir(dir)).toEqual([v1]);
    expect(await readFile(join(dir, v1 ?? ''), 'utf8')).toBe('first');
    const native = loadNativeFs();
    expect((await native.getXattr(join(dir, v1 ?? ''), 'user.version-id'))?.toString()).toBe(v1);
    expect((await native.getXattr(join(dir, v1 ?? ''), 'user.etag'))?.toString()).toBe(`"${createHash('md5').update('first').digest('hex')}"`);
  });

  it('keeps an object written before versioning as the null version', async () => {
    const Bucket = await bucket();
    expect(await put(Bucket, 'old', 'before')).toBeUndefined();
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await put(Bucket, 'old', 'after');
    expect(await text(Bucket, 'old', 'null')).toBe('before');
    expect(await versionsOf(Bucket)).toEqual({ versions: [['old', v1, true], ['old', 'null', false]], markers: [] });
  });

  it('makes a delete marker on DELETE: GET is 404 with the marker headers, the marker by id 405, listings hide the key', async () => {
    const Bucket = await bucket('Enabled');
    const v1 = await put(Bucket, 'gone', 'data');
    await put(Bucket, 'kept', 'data');
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'gone' }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(deleted.VersionId).toMatch(ULID);
    const marker = deleted.VersionId ?? '';

    const get = await rejection(s3.send(new GetObjectCommand({ Bucket, Key: 'gone' })));
    expect([get.code, get.status, get.headers['x-amz-delete-marker'], get.headers['x-amz-version-id']]).toEqual(['NoSuchKey', 404, 'true', marker]);
    const head = await rejection(s3.send(new HeadObjectCommand({ Bucket, Key: 'gone' })));
    expect([head.status, head.headers['x-amz-delete-marker']]).toEqual([404, 'true']);
    const byId = await rejection(s3.send(new GetObjectCommand({ Bucket, Key: 'gone', VersionId: marker })));
    expect([byId.code, byId.status, byId.headers['x-amz-delete-marker']]).toEqual(['MethodNotAllowed', 405, 'true']);
    expect(await text(Bucket, 'gone', v1)).toBe('data');

    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).Contents?.map((c) => c.Key)).toEqual(['kept']);
    const listed = await versionsOf(Bucket);
    expect(listed.markers).toEqual([['gone', marker, true]]);
    expect(listed.versions).toContainEqual(['gone', v1, false]);

    // Removing the marker brings the object back.
    const undone = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'gone', VersionId: marker }));
    expect([undone.DeleteMarker, undone.VersionId]).toEqual([true, marker]);
    expect(await text(Bucket, 'gone')).toBe('data');
    expect((await s3.send(new ListObjectsV2Command({ Bucket }))).Contents?.map((c) => c.Key)).toEqual(['gone', 'kept']);
  });

  it('deletes one version by id: the latest gives its place to the next newest', async () => {
    const Bucket = await bucket('Enabled');
    const v1 = await put(Bucket, 'k', '1');
    const v2 = await put(Bucket, 'k', '2');
    const v3 = await put(Bucket, 'k', '3');
    expect((await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: v2 }))).VersionId).toBe(v2);
    expect(await versionsOf(Bucket)).toEqual({ versions: [['k', v3, true], ['k', v1, false]], markers: [] });
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: v3 }));
    expect(await text(Bucket, 'k')).toBe('1');
    expect((await s3.send(new GetObjectCommand({ Bucket, Key: 'k' }))).VersionId).toBe(v1);
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: v1 }));
    expect(await versionsOf(Bucket)).toEqual({ versions: [], markers: [] });
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket, Key: 'k' })))).code).toBe('NoSuchKey');
  });

  it('answers InvalidArgument for a malformed version id and NoSuchVersion for an unknown one', async () => {
    const Bucket = await bucket('Enabled');
    await put(Bucket, 'k', 'x');
    const bad = await rejection(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: 'not-a-version' })));
    expect([bad.code, bad.status]).toEqual(['InvalidArgument', 400]);
    const unknown = await rejection(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })));
    expect([unknown.code, unknown.status]).toEqual(['NoSuchVersion', 404]);
    expect((await rejection(s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: 'nope' })))).code).toBe('InvalidArgument');
  });

  it('while suspended, writes and deletes replace the null version and keep the others', async () => {
    const Bucket = await bucket('Enabled');
    const v1 = await put(Bucket, 's', 'versioned');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    expect(await put(Bucket, 's', 'null one')).toBeUndefined();
    expect(await put(Bucket, 's', 'null two')).toBeUndefined();
    expect(await versionsOf(Bucket)).toEqual({ versions: [['s', 'null', true], ['s', v1, false]], markers: [] });
    expect(await text(Bucket, 's', 'null')).toBe('null two');
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket, Key: 's' }));
    expect([deleted.DeleteMarker, deleted.VersionId]).toEqual([true, 'null']);
    expect(await versionsOf(Bucket)).toEqual({ versions: [['s', v1, false]], markers: [['s', 'null', true]] });
  });

  it('pages through versions with key and version-id markers in S3 order', async () => {
    const Bucket = await bucket('Enabled');
    const ids: Record<string, string[]> = {};
    for (const key of ['b', 'a', 'c/x', 'c/y']) {
      for (let i = 0; i < 3; i++) (ids[key] ??= []).unshift((await put(Bucket, key, `${key}${i}`)) ?? '');
    }
    const whole = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    const expected = ['a', 'b', 'c/x', 'c/y'].flatMap((key) => ids[key].map((id, i) => [key, id, i === 0]));
    expect(whole.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual(expected);
    const paged: unknown[] = [];
    let KeyMarker: string | undefined;
    let VersionIdMarker: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 2, KeyMarker, VersionIdMarker }));
      paged.push(...(page.Versions ?? []).map((v) => [v.Key, v.VersionId, v.IsLatest]));
      if (!page.IsTruncated) break;
      KeyMarker = page.NextKeyMarker;
      VersionIdMarker = page.NextVersionIdMarker;
    }
    expect(paged).toEqual(expected);
    const grouped = await s3.send(new ListObjectVersionsCommand({ Bucket, Delimiter: '/' }));
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['c/']);
    expect(grouped.Versions?.map((v) => v.Key)).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
  });

  it('DeleteObjects removes versions by id and makes delete markers without one', async () => {
    const Bucket = await bucket('Enabled');
    const v1 = await put(Bucket, 'one', '1');
    await put(Bucket, 'two', '2');
    const result = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'one', VersionId: v1 }, { Key: 'two' }] } }));
    const byKey = Object.fromEntries((result.Deleted ?? []).map((d) => [d.Key, d]));
    expect(byKey.one).toEqual(expect.objectContaining({ VersionId: v1 }));
    expect(byKey.one.DeleteMarker).toBeUndefined();
    expect(byKey.two).toEqual(expect.objectContaining({ DeleteMarker: true, DeleteMarkerVersionId: expect.stringMatching(ULID) }));
    const listed = await versionsOf(Bucket);
    expect(listed.versions.map(([key]) => key)).toEqual(['two']);
    expect(listed.markers.map(([key, , latest]) => [key, latest])).toEqual([['two', true]]);
  });
  it('gives CopyObject and CompleteMultipartUpload version ids, and copies a version named in x-amz-copy-source', async () => {
    const Bucket = await bucket('Enabled');
    const v1 = await put(Bucket, 'src', 'first');
    const v2 = await put(Bucket, 'src', 'second');
    const copied = await s3.send(new CopyObjectCommand({ Bucket, Key: 'copy', CopySource: `${Bucket}/src?versionId=${v1}` }));
    expect(copied.VersionId).toMatch(ULID);
    expect(copied.CopySourceVersionId).toBe(v1);
    expect(await text(Bucket, 'copy')).toBe('first');
    const again = await s3.send(new CopyObjectCommand({ Bucket, Key: 'copy', CopySource: `${Bucket}/src` }));
    expect(again.CopySourceVersionId).toBe(v2);
    expect(await text(Bucket, 'copy', copied.VersionId)).toBe('first');
    expect(await text(Bucket, 'copy')).toBe('second');

    const marker = (await s3.send(new DeleteObjectCommand({ Bucket, Key: 'src' }))).VersionId;
    const fromMarker = await rejection(s3.send(new CopyObjectCommand({ Bucket, Key: 'x', CopySource: `${Bucket}/src?versionId=${marker}` })));
    expect(fromMarker.code).toBe('InvalidRequest');

    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'copy' }));
    const part = await s3.send(new UploadPartCommand({ Bucket, Key: 'copy', UploadId, PartNumber: 1, Body: 'assembled' }));
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'copy', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }));
    expect(done.VersionId).toMatch(ULID);
    expect((await versionsOf(Bucket, 'copy')).versions).toEqual([
      ['copy', done.VersionId, true],
      ['copy', again.VersionId, false],
      ['copy', copied.VersionId, false],
    ]);
  });

  it('reads and changes the tags of a version named by its id', async () => {
    const Bucket = await bucket('Enabled');
    const v1 = await put(Bucket, 't', 'one');
    await put(Bucket, 't', 'two');
    await s3.send(new PutObjectTaggingCommand({ Bucket, Key: 't', VersionId: v1, Tagging: { TagSet: [{ Key: 'old', Value: 'yes' }] } }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 't', VersionId: v1 }))).TagSet).toEqual([{ Key: 'old', Value: 'yes' }]);
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 't' }))).TagSet).toEqual([]);
  });
});

describe('bucket versioning without --versioning-dir', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.stop());

  it('answers PutBucketVersioning as VersityGW does, and GET with an empty configuration', async () => {
    const s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
    const refused = await rejection(s3.send(new PutBucketVersioningCommand({ Bucket: 'plain', VersioningConfiguration: { Status: 'Enabled' } })));
    expect([refused.code, refused.status]).toEqual(['VersioningNotConfigured', 501]);
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'plain' }))).Status).toBeUndefined();
    await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'x' }));
    expect((await s3.send(new GetObjectCommand({ Bucket: 'plain', Key: 'k', VersionId: 'null' }))).Body).toBeDefined();
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: 'plain', Key: 'k', VersionId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })))).code).toBe('NoSuchVersion');
  });
});
