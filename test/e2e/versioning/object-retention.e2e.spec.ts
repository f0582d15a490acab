import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectLegalHoldCommand,
  GetObjectRetentionCommand,
  HeadObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { versionsDirOfKey } from '../../../src/backends/posix/versioning/version-layout';
import { type RunningGateway, startGateway } from '../support/gateway';
import { signedRequest } from '../support/signed-request';
import { rejection, startVersionedGateway, versionsDirOf } from './versioned-gateway';

const DAY = 86_400_000;
const inDays = (days: number): Date => new Date(Date.now() + days * DAY);
const LOCKED_MESSAGE = 'Access Denied because object protected by object lock.';

/** Object lock of single versions: retention and legal holds, set, read, enforced, stored as VersityGW stores them. */
describe('object retention and legal hold (real gateway with --versioning-dir)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  const native = loadNativeFs();
  beforeAll(async () => {
    gw = await startVersionedGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'vault', ObjectLockEnabledForBucket: true }));
    await s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
  });
  afterAll(() => gw.stop());

  const put = async (key: string, body = 'data'): Promise<string> => (await s3.send(new PutObjectCommand({ Bucket: 'vault', Key: key, Body: body }))).VersionId ?? '';
  const deleteVersion = (key: string, versionId: string, bypass?: boolean) =>
    s3.send(new DeleteObjectCommand({ Bucket: 'vault', Key: key, VersionId: versionId, ...(bypass ? { BypassGovernanceRetention: true } : {}) }));
  const retain = (key: string, versionId: string | undefined, mode: 'GOVERNANCE' | 'COMPLIANCE', until: Date, bypass?: boolean) =>
    s3.send(
      new PutObjectRetentionCommand({ Bucket: 'vault', Key: key, VersionId: versionId, Retention: { Mode: mode, RetainUntilDate: until }, ...(bypass ? { BypassGovernanceRetention: true } : {}) }),
    );

  it('keeps a GOVERNANCE version from deletion, unless root bypasses it; stored in VersityGW attributes', async () => {
    const older = await put('gov.txt', 'first');
    const until = inDays(2);
    await retain('gov.txt', older, 'GOVERNANCE', until);
    await put('gov.txt', 'second');
    const got = await s3.send(new GetObjectRetentionCommand({ Bucket: 'vault', Key: 'gov.txt', VersionId: older }));
    expect(got.Retention?.Mode).toBe('GOVERNANCE');
    expect(got.Retention?.RetainUntilDate?.getTime()).toBe(until.getTime());
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'vault', Key: 'gov.txt', VersionId: older }));
    expect([head.ObjectLockMode, head.ObjectLockRetainUntilDate?.getTime()]).toEqual(['GOVERNANCE', until.getTime()]);
    const stored = await native.getXattr(join(versionsDirOf(gw.root), 'vault', versionsDirOfKey('gov.txt'), older), 'user.object-retention');
    expect(JSON.parse(stored?.toString() ?? '{}')).toEqual({ Mode: 'GOVERNANCE', RetainUntilDate: until.toISOString() });

    const refused = await rejection(deleteVersion('gov.txt', older));
    expect([refused.code, refused.status]).toEqual(['AccessDenied', 403]);
    const raw = await signedRequest(gw.port, gw.rootCredentials, { method: 'DELETE', path: '/vault/gov.txt', query: { versionId: older } });
    expect(raw.body).toContain(`<Message>${LOCKED_MESSAGE}</Message>`);
    // A DELETE without a version id only makes a delete marker: nothing locked goes.
    await s3.send(new DeleteObjectCommand({ Bucket: 'vault', Key: 'gov.txt' }));
    await deleteVersion('gov.txt', older, true);
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: 'vault', Key: 'gov.txt', VersionId: older })))).code).toBe('NoSuchVersion');
  });

  it('lets nobody shorten, lift or bypass COMPLIANCE, root included, but lets it be extended', async () => {
    const id = await put('comp.txt');
    const until = inDays(3);
    await retain('comp.txt', id, 'COMPLIANCE', until);
    for (const change of [retain('comp.txt', id, 'COMPLIANCE', inDays(1), true), retain('comp.txt', id, 'GOVERNANCE', inDays(5), true)]) {
      expect((await rejection(change)).code).toBe('AccessDenied');
    }
    expect((await rejection(deleteVersion('comp.txt', id, true))).code).toBe('AccessDenied');
    const later = inDays(10);
    await retain('comp.txt', id, 'COMPLIANCE', later);
    expect((await s3.send(new GetObjectRetentionCommand({ Bucket: 'vault', Key: 'comp.txt', VersionId: id }))).Retention?.RetainUntilDate?.getTime()).toBe(later.getTime());
  });

  it('shortens or removes GOVERNANCE only with the bypass', async () => {
    const id = await put('short.txt');
    await retain('short.txt', id, 'GOVERNANCE', inDays(5));
    expect((await rejection(retain('short.txt', id, 'GOVERNANCE', inDays(1)))).code).toBe('AccessDenied');
    await retain('short.txt', id, 'GOVERNANCE', inDays(1), true);
    const body = '<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>';
    const remove = (headers: Record<string, string>) =>
      signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/vault/short.txt', query: { retention: '', versionId: id }, body, headers: { 'content-md5': md5(body), ...headers } });
    expect((await remove({})).status).toBe(403);
    expect((await remove({ 'x-amz-bypass-governance-retention': 'true' })).status).toBe(200);
    expect((await rejection(s3.send(new GetObjectRetentionCommand({ Bucket: 'vault', Key: 'short.txt', VersionId: id })))).code).toBe('NoSuchObjectLockConfiguration');
    await deleteVersion('short.txt', id);
  });

  it('keeps a version under legal hold from deletion until the hold is lifted; VersityGW\'s one byte on disk', async () => {
    const id = await put('held.txt');
    await s3.send(new PutObjectLegalHoldCommand({ Bucket: 'vault', Key: 'held.txt', VersionId: id, LegalHold: { Status: 'ON' } }));
    expect((await s3.send(new GetObjectLegalHoldCommand({ Bucket: 'vault', Key: 'held.txt', VersionId: id }))).LegalHold?.Status).toBe('ON');
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'vault', Key: 'held.txt' }))).ObjectLockLegalHoldStatus).toBe('ON');
    expect([...((await native.getXattr(join(gw.root, 'vault', 'held.txt'), 'user.object-legal-hold')) ?? [])]).toEqual([1]);
    expect((await rejection(deleteVersion('held.txt', id, true))).code).toBe('AccessDenied');
    await s3.send(new PutObjectLegalHoldCommand({ Bucket: 'vault', Key: 'held.txt', VersionId: id, LegalHold: { Status: 'OFF' } }));
    await deleteVersion('held.txt', id);
  });

  it('reports locked versions of DeleteObjects one by one, and deletes GOVERNANCE ones with the bypass', async () => {
    const gov = await put('many-gov.txt');
    const held = await put('many-held.txt');
    const free = await put('many-free.txt');
    await retain('many-gov.txt', gov, 'GOVERNANCE', inDays(1));
    await s3.send(new PutObjectLegalHoldCommand({ Bucket: 'vault', Key: 'many-held.txt', VersionId: held, LegalHold: { Status: 'ON' } }));
    const objects = [
      { Key: 'many-gov.txt', VersionId: gov },
      { Key: 'many-held.txt', VersionId: held },
      { Key: 'many-free.txt', VersionId: free },
    ];
    const first = await s3.send(new DeleteObjectsCommand({ Bucket: 'vault', Delete: { Objects: objects } }));
    expect(first.Deleted?.map((d) => d.Key)).toEqual(['many-free.txt']);
    expect(first.Errors?.map((e) => [e.Key, e.Code, e.Message])).toEqual([
      ['many-gov.txt', 'AccessDenied', LOCKED_MESSAGE],
      ['many-held.txt', 'AccessDenied', LOCKED_MESSAGE],
    ]);
    const second = await s3.send(new DeleteObjectsCommand({ Bucket: 'vault', BypassGovernanceRetention: true, Delete: { Objects: objects.slice(0, 2) } }));
    expect(second.Deleted?.map((d) => d.Key)).toEqual(['many-gov.txt']);
    expect(second.Errors?.map((e) => e.Key)).toEqual(['many-held.txt']);
  });

  it('gives new versions the x-amz-object-lock-* of PutObject, CopyObject and CreateMultipartUpload', async () => {
    const until = inDays(1);
    const lock = { ObjectLockMode: 'GOVERNANCE' as const, ObjectLockRetainUntilDate: until, ObjectLockLegalHoldStatus: 'ON' as const };
    const put1 = await s3.send(new PutObjectCommand({ Bucket: 'vault', Key: 'h-put.txt', Body: 'x', ...lock }));
    const copy = await s3.send(new CopyObjectCommand({ Bucket: 'vault', Key: 'h-copy.txt', CopySource: 'vault/h-put.txt', ...lock }));
    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'vault', Key: 'h-mpu.txt', ...lock }));
    const part = await s3.send(new UploadPartCommand({ Bucket: 'vault', Key: 'h-mpu.txt', UploadId: upload.UploadId, PartNumber: 1, Body: 'part' }));
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: 'vault', Key: 'h-mpu.txt', UploadId: upload.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }),
    );
    for (const [key, versionId] of [
      ['h-put.txt', put1.VersionId],
      ['h-copy.txt', copy.VersionId],
      ['h-mpu.txt', done.VersionId],
    ]) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'vault', Key: key, VersionId: versionId }));
      expect([key, head.ObjectLockMode, head.ObjectLockRetainUntilDate?.getTime(), head.ObjectLockLegalHoldStatus]).toEqual([key, 'GOVERNANCE', until.getTime(), 'ON']);
      expect((await rejection(deleteVersion(key ?? '', versionId ?? ''))).code).toBe('AccessDenied');
    }
    const got = await s3.send(new GetObjectCommand({ Bucket: 'vault', Key: 'h-put.txt' }));
    expect([got.ObjectLockMode, got.ObjectLockRetainUntilDate?.getTime(), got.ObjectLockLegalHoldStatus]).toEqual(['GOVERNANCE', until.getTime(), 'ON']);
    await got.Body?.transformToString();
  });

  it('gives new versions the bucket\'s default retention', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'defaults', ObjectLockEnabledForBucket: true }));
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: 'defaults',
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2 } } },
      }),
    );
    const before = Date.now();
    const { VersionId } = await s3.send(new PutObjectCommand({ Bucket: 'defaults', Key: 'k', Body: 'x' }));
    const got = await s3.send(new GetObjectRetentionCommand({ Bucket: 'defaults', Key: 'k', VersionId }));
    expect(got.Retention?.Mode).toBe('COMPLIANCE');
    const until = got.Retention?.RetainUntilDate?.getTime() ?? 0;
    expect(until).toBeGreaterThanOrEqual(before + 2 * DAY);
    expect(until).toBeLessThanOrEqual(Date.now() + 2 * DAY);
    expect((await rejection(s3.send(new DeleteObjectCommand({ Bucket: 'defaults', Key: 'k', VersionId, BypassGovernanceRetention: true })))).code).toBe('AccessDenied');
  });

  it('answers as AWS does where a lock cannot be, or is asked for wrongly', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'x' }));
    const missing = await rejection(s3.send(new GetObjectRetentionCommand({ Bucket: 'plain', Key: 'k' })));
    expect([missing.code, missing.status]).toEqual(['InvalidRequest', 400]);
    const onWrite = await rejection(s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'x', ObjectLockLegalHoldStatus: 'ON' })));
    expect([onWrite.code, onWrite.status]).toEqual(['InvalidRequest', 400]);
    await put('none.txt');
    const none = await rejection(s3.send(new GetObjectLegalHoldCommand({ Bucket: 'vault', Key: 'none.txt' })));
    expect([none.code, none.status]).toEqual(['NoSuchObjectLockConfiguration', 404]);

    const headers = (h: Record<string, string>) => signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/vault/bad.txt', body: 'x', headers: { 'content-md5': md5('x'), ...h } });
    const codeOf = async (h: Record<string, string>) => /<Code>([^<]+)<\/Code>/.exec((await headers(h)).body)?.[1];
    const future = inDays(1).toISOString();
    expect(await codeOf({ 'x-amz-object-lock-mode': 'GOVERNANCE' })).toBe('InvalidArgument');
    expect(await codeOf({ 'x-amz-object-lock-retain-until-date': future })).toBe('InvalidArgument');
    expect(await codeOf({ 'x-amz-object-lock-mode': 'STRICT', 'x-amz-object-lock-retain-until-date': future })).toBe('InvalidArgument');
    expect(await codeOf({ 'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': '2020-01-01T00:00:00Z' })).toBe('InvalidArgument');
    expect(await codeOf({ 'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': 'tomorrow' })).toBe('InvalidArgument');
    expect(await codeOf({ 'x-amz-object-lock-legal-hold': 'MAYBE' })).toBe('InvalidArgument');
    const unsummed = await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/vault/bad.txt', body: 'x', headers: { 'x-amz-object-lock-legal-hold': 'ON' } });
    expect(/<Code>([^<]+)<\/Code>/.exec(unsummed.body)?.[1]).toBe('InvalidRequest');

    const doc = (body: string, query: Record<string, string>, sum = true) =>
      signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/vault/none.txt', query, body, headers: sum ? { 'content-md5': md5(body) } : {} });
    const docCode = async (body: string, query: Record<string, string>, sum = true) => /<Code>([^<]+)<\/Code>/.exec((await doc(body, query, sum)).body)?.[1];
    expect(await docCode('<Retention><Mode>STRICT</Mode><RetainUntilDate>' + future + '</RetainUntilDate></Retention>', { retention: '' })).toBe('MalformedXML');
    expect(await docCode('<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2020-01-01T00:00:00Z</RetainUntilDate></Retention>', { retention: '' })).toBe('InvalidArgument');
    expect(await docCode('<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>' + future + '</RetainUntilDate></Retention>', { retention: '' }, false)).toBe('InvalidRequest');
    expect(await docCode('<LegalHold><Status>MAYBE</Status></LegalHold>', { 'legal-hold': '' })).toBe('MalformedXML');
    expect(await docCode('<LegalHold><Status>ON</Status></LegalHold>', { 'legal-hold': '' }, false)).toBe('InvalidRequest');
  });

  it('honours the bypass of a user only where a bucket policy grants s3:BypassGovernanceRetention', async () => {
    const carol = { access: 'CAROLLOCK00000000001', secret: 'carol-lock-secret-key-00000000000000' };
    gw.gateway.services.iam.createAccount({ ...carol, role: 'userplus' });
    const client = gw.s3(carol);
    await client.send(new CreateBucketCommand({ Bucket: 'carols', ObjectLockEnabledForBucket: true }));
    const versionOf = async (key: string) => (await client.send(new PutObjectCommand({ Bucket: 'carols', Key: key, Body: 'x' }))).VersionId;
    const first = await versionOf('a');
    await client.send(new PutObjectRetentionCommand({ Bucket: 'carols', Key: 'a', VersionId: first, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: inDays(1) } }));
    // The bucket's owner, but no policy grants it the bypass.
    expect((await rejection(client.send(new DeleteObjectCommand({ Bucket: 'carols', Key: 'a', VersionId: first, BypassGovernanceRetention: true })))).code).toBe('AccessDenied');
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: [carol.access] }, Action: ['s3:BypassGovernanceRetention'], Resource: ['arn:aws:s3:::carols/*'] }],
    };
    await client.send(new PutBucketPolicyCommand({ Bucket: 'carols', Policy: JSON.stringify(policy) }));
    await client.send(new DeleteObjectCommand({ Bucket: 'carols', Key: 'a', VersionId: first, BypassGovernanceRetention: true }));
  });

  it('records lock changes as events of the object\'s stream', async () => {
    const id = await put('journal.txt');
    const until = inDays(1);
    await retain('journal.txt', id, 'GOVERNANCE', until);
    await s3.send(new PutObjectLegalHoldCommand({ Bucket: 'vault', Key: 'journal.txt', VersionId: id, LegalHold: { Status: 'ON' } }));
    const events = gw.gateway.services.events.readStream('object:vault/journal.txt');
    expect(events.map((e) => [e.type, (e.data as { versionId: string }).versionId])).toEqual([
      ['ObjectVersionCreated', id],
      ['ObjectRetentionChanged', id],
      ['ObjectLegalHoldChanged', id],
    ]);
    expect(events[1].data).toMatchObject({ mode: 'GOVERNANCE', retainUntilDate: until.toISOString(), bypassGovernance: false, account: gw.rootCredentials.access, operation: 'PutObjectRetention' });
    expect(events[2].data).toMatchObject({ status: 'ON', operation: 'PutObjectLegalHold' });
  });

  it('enforces a lock VersityGW wrote (its nanosecond dates)', async () => {
    const id = await put('versity.txt');
    const file = join(gw.root, 'vault', 'versity.txt');
    await native.setXattr(file, 'user.object-retention', Buffer.from('{"Mode":"COMPLIANCE","RetainUntilDate":"2099-01-02T03:04:05.123456789Z"}'));
    const got = await s3.send(new GetObjectRetentionCommand({ Bucket: 'vault', Key: 'versity.txt', VersionId: id }));
    expect(got.Retention?.RetainUntilDate?.toISOString()).toBe('2099-01-02T03:04:05.123Z');
    expect((await rejection(deleteVersion('versity.txt', id, true))).code).toBe('AccessDenied');
  });
});

const md5 = (body: string): string => createHash('md5').update(body).digest('base64');

/** Without --versioning-dir there are no older versions to keep: the object itself is what a lock protects. */
describe('object lock on a gateway without --versioning-dir', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startGateway();
    s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'flat-vault', ObjectLockEnabledForBucket: true }));
  });
  afterAll(() => gw.stop());

  it('neither overwrites nor deletes a locked object, GOVERNANCE ones with the bypass', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'flat-vault', Key: 'gov.txt', Body: 'first', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inDays(1) }));
    const overwrite = await rejection(s3.send(new PutObjectCommand({ Bucket: 'flat-vault', Key: 'gov.txt', Body: 'second' })));
    expect([overwrite.code, overwrite.status]).toEqual(['AccessDenied', 403]);
    expect((await rejection(s3.send(new DeleteObjectCommand({ Bucket: 'flat-vault', Key: 'gov.txt' })))).code).toBe('AccessDenied');
    expect(await (await s3.send(new GetObjectCommand({ Bucket: 'flat-vault', Key: 'gov.txt' }))).Body?.transformToString()).toBe('first');
    await s3.send(new DeleteObjectCommand({ Bucket: 'flat-vault', Key: 'gov.txt', BypassGovernanceRetention: true }));

    await s3.send(new PutObjectCommand({ Bucket: 'flat-vault', Key: 'held.txt', Body: 'x', ObjectLockLegalHoldStatus: 'ON' }));
    expect((await rejection(s3.send(new CopyObjectCommand({ Bucket: 'flat-vault', Key: 'held.txt', CopySource: 'flat-vault/held.txt', MetadataDirective: 'REPLACE' })))).code).toBe('AccessDenied');
    expect((await rejection(s3.send(new DeleteObjectCommand({ Bucket: 'flat-vault', Key: 'held.txt', BypassGovernanceRetention: true })))).code).toBe('AccessDenied');
    await s3.send(new PutObjectLegalHoldCommand({ Bucket: 'flat-vault', Key: 'held.txt', LegalHold: { Status: 'OFF' } }));
    await s3.send(new PutObjectCommand({ Bucket: 'flat-vault', Key: 'held.txt', Body: 'replaced' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'flat-vault', Key: 'held.txt' }));
  });
});
