import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import type { RunningGateway } from '../support/gateway';
import { signedRequest } from '../support/signed-request';
import { rejection, startVersionedGateway } from './versioned-gateway';

/** Bucket object lock configuration, in VersityGW's `user.bucket-lock` attribute. */
describe('object lock configuration (real gateway with --versioning-dir)', () => {
  let gw: RunningGateway;
  let s3: S3Client;
  beforeAll(async () => {
    gw = await startVersionedGateway();
    s3 = gw.s3();
  });
  afterAll(() => gw.stop());

  it('CreateBucket with x-amz-bucket-object-lock-enabled turns lock and versioning on, for good', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'locked', ObjectLockEnabledForBucket: true }));
    expect((await s3.send(new GetObjectLockConfigurationCommand({ Bucket: 'locked' }))).ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled' });
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'locked' }))).Status).toBe('Enabled');
    const stored = JSON.parse((await loadNativeFs().getXattr(join(gw.root, 'locked'), 'user.bucket-lock'))?.toString() ?? '{}') as Record<string, unknown>;
    expect(stored).toMatchObject({ Enabled: true, DefaultRetention: null });
    const suspend = await rejection(s3.send(new PutBucketVersioningCommand({ Bucket: 'locked', VersioningConfiguration: { Status: 'Suspended' } })));
    expect([suspend.code, suspend.status]).toEqual(['InvalidBucketState', 409]);
  });

  it('answers ObjectLockConfigurationNotFoundError, and takes a configuration only once versioning is enabled', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'later' }));
    expect((await rejection(s3.send(new GetObjectLockConfigurationCommand({ Bucket: 'later' })))).code).toBe('ObjectLockConfigurationNotFoundError');
    const early = await rejection(s3.send(new PutObjectLockConfigurationCommand({ Bucket: 'later', ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } })));
    expect([early.code, early.status]).toEqual(['InvalidBucketState', 409]);
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'later', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutObjectLockConfigurationCommand({ Bucket: 'later', ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } }));
    expect((await s3.send(new GetObjectLockConfigurationCommand({ Bucket: 'later' }))).ObjectLockConfiguration?.ObjectLockEnabled).toBe('Enabled');
  });

  it('judges the document as AWS does, and keeps a default retention', async () => {
    const put = (body: string) => signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/locked', query: { 'object-lock': '' }, body, headers: { 'content-md5': md5(body) } });
    const codeOf = async (body: string) => /<Code>([^<]+)<\/Code>/.exec((await put(body)).body)?.[1];
    const doc = (inner: string) => `<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled>${inner}</ObjectLockConfiguration>`;
    expect(await codeOf('<ObjectLockConfiguration><ObjectLockEnabled>Disabled</ObjectLockEnabled></ObjectLockConfiguration>')).toBe('MalformedXML');
    expect(await codeOf(doc('<Rule><DefaultRetention><Mode>STRICT</Mode><Days>1</Days></DefaultRetention></Rule>'))).toBe('MalformedXML');
    expect(await codeOf(doc('<Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days><Years>1</Years></DefaultRetention></Rule>'))).toBe('MalformedXML');
    expect(await codeOf(doc('<Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>0</Days></DefaultRetention></Rule>'))).toBe('InvalidArgument');
    expect(await codeOf(doc('<Rule><DefaultRetention><Mode>COMPLIANCE</Mode><Years>101</Years></DefaultRetention></Rule>'))).toBe('InvalidArgument');
    const unsigned = await signedRequest(gw.port, gw.rootCredentials, { method: 'PUT', path: '/locked', query: { 'object-lock': '' }, body: doc('') });
    expect(/<Code>([^<]+)<\/Code>/.exec(unsigned.body)?.[1]).toBe('InvalidRequest');
    const rule = doc('<Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>30</Days></DefaultRetention></Rule>');
    expect((await put(rule)).status).toBe(200);
    expect((await s3.send(new GetObjectLockConfigurationCommand({ Bucket: 'locked' }))).ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } },
    });
  });
});

const md5 = (body: string): string => createHash('md5').update(body).digest('base64');
