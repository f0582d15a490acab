import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetBucketAclCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetObjectAclCommand,
  GetPublicAccessBlockCommand,
  PutBucketAclCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectAclCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createApp, type GatewayApp } from '../../src/app.factory';
import { testConfig, TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from './support/test-config';

const CAROL = { access: 'CAROLRESTART00000001', secret: 'carol-restart-secret-key-000000000000000' };

/** One gateway process over `root`, stopped and started again over the same tree and journal. */
async function start(root: string): Promise<{ app: GatewayApp; s3: S3Client; endpoint: string }> {
  const app = await createApp(testConfig(root));
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: TEST_ROOT_ACCESS, secretAccessKey: TEST_ROOT_SECRET } });
  return { app, s3, endpoint };
}

describe('access settings across a restart (attributes on the tree, events in the journal)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-access-restart-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('keeps every configuration, and the journal tells each change', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::kept/open/*' }] });
    const first = await start(root);
    first.app.services.iam.createAccount({ ...CAROL, role: 'user' });
    await first.s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
    await first.s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'open/a.txt', Body: 'a' }));
    await first.s3.send(new PutBucketAclCommand({ Bucket: 'kept', GrantRead: `id="${CAROL.access}"` }));
    await first.s3.send(new PutObjectAclCommand({ Bucket: 'kept', Key: 'open/a.txt', ACL: 'public-read' }));
    await first.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'kept', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }));
    await first.s3.send(new PutPublicAccessBlockCommand({ Bucket: 'kept', PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }));
    await first.s3.send(new PutBucketPolicyCommand({ Bucket: 'kept', Policy: policy }));
    first.s3.destroy();
    await first.app.close();

    const second = await start(root);
    try {
      const { s3 } = second;
      expect((await s3.send(new GetBucketAclCommand({ Bucket: 'kept' }))).Grants).toEqual([
        { Grantee: { Type: 'CanonicalUser', ID: CAROL.access, DisplayName: CAROL.access }, Permission: 'READ' },
      ]);
      expect((await s3.send(new GetObjectAclCommand({ Bucket: 'kept', Key: 'open/a.txt' }))).Grants?.map((g) => g.Permission)).toEqual(['FULL_CONTROL', 'READ']);
      expect((await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: 'kept' }))).OwnershipControls?.Rules?.[0].ObjectOwnership).toBe('BucketOwnerPreferred');
      expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'kept' }))).PublicAccessBlockConfiguration?.IgnorePublicAcls).toBe(true);
      expect((await s3.send(new GetBucketPolicyCommand({ Bucket: 'kept' }))).Policy).toBe(policy);
      // The reloaded policy is enforced: anonymous reads of open/ pass it (the public object ACL is ignored).
      expect((await fetch(`${second.endpoint}/kept/open/a.txt`)).status).toBe(200);
      const types = second.app.services.events.readStream('bucket:kept').map((e) => e.type);
      expect(types).toEqual(['BucketCreated', 'BucketAclPut', 'ObjectAclPut', 'BucketOwnershipControlsPut', 'PublicAccessBlockPut', 'BucketPolicyPut']);
    } finally {
      second.s3.destroy();
      await second.app.close();
    }
  });
});
