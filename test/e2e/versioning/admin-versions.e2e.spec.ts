import { CreateBucketCommand, DeleteObjectCommand, PutBucketVersioningCommand, PutObjectCommand, PutObjectLegalHoldCommand, PutObjectRetentionCommand } from '@aws-sdk/client-s3';
import { adminCall, adminError } from '../admin/admin-client';
import { cli } from '../admin/admin-cli-runner';
import type { RunningGateway } from '../support/gateway';
import { startVersionedGateway } from './versioned-gateway';

interface View {
  versions: Array<{ versionId: string; isLatest: boolean; deleteMarker?: true }>;
  events: Array<{ type: string; traceId?: string; data: { versionId: string; account: string; operation: string; deleteMarker?: boolean } }>;
}

/** The admin API's and CLI's view of one key's versions: what is stored, and who made or deleted which. */
describe('admin API and CLI: versions of a key', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startVersionedGateway();
  });
  afterAll(() => gw.stop());

  it('answers who deleted the object, and which version', async () => {
    const root = gw.s3();
    await root.send(new CreateBucketCommand({ Bucket: 'audited' }));
    await root.send(new PutBucketVersioningCommand({ Bucket: 'audited', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = (await root.send(new PutObjectCommand({ Bucket: 'audited', Key: 'report.pdf', Body: 'draft' }))).VersionId;
    // Another account, owner of the bucket from now on, deletes it.
    await adminCall(gw, '/create-user', { body: { access: 'bob', secret: 'bob-secret-key-0000', role: 'user' } });
    await adminCall(gw, '/change-bucket-owner', { query: { bucket: 'audited', owner: 'bob' } });
    const bob = gw.s3({ access: 'bob', secret: 'bob-secret-key-0000' });
    const marker = (await bob.send(new DeleteObjectCommand({ Bucket: 'audited', Key: 'report.pdf' }))).VersionId;
    await bob.send(new DeleteObjectCommand({ Bucket: 'audited', Key: 'report.pdf', VersionId: v1 }));

    const response = await adminCall(gw, '/list-object-versions', { query: { bucket: 'audited', key: 'report.pdf' } });
    expect(response.status).toBe(200);
    const view = response.json as View;
    expect(view.versions.map((v) => [v.versionId, v.isLatest, v.deleteMarker ?? false])).toEqual([[marker, true, true]]);
    expect(view.events.map((e) => [e.type, e.data.versionId, e.data.account, e.data.operation])).toEqual([
      ['ObjectVersionCreated', v1, gw.rootCredentials.access, 'PutObject'],
      ['DeleteMarkerCreated', marker, 'bob', 'DeleteObject'],
      ['ObjectVersionDeleted', v1, 'bob', 'DeleteObject'],
    ]);
    expect(view.events.every((e) => /^[0-9a-f]{32}$/.test(e.traceId ?? ''))).toBe(true);

    const run = cli();
    await run.run('admin', '--access', gw.rootCredentials.access, '--secret', gw.rootCredentials.secret, '--endpoint-url', gw.endpoint, 'versions', '-b', 'audited', '-k', 'report.pdf');
    const lines = run.stdout().split('\n');
    expect(lines.find((line) => line.startsWith(marker ?? '-'))).toMatch(/yes +delete marker/);
    expect(lines.find((line) => line.includes('version deleted'))).toMatch(new RegExp(`version deleted +${v1} +bob +DeleteObject`));
  });

  it('shows the lock changes of a version in the CLI', async () => {
    const root = gw.s3();
    await root.send(new CreateBucketCommand({ Bucket: 'audited-lock', ObjectLockEnabledForBucket: true }));
    const v1 = (await root.send(new PutObjectCommand({ Bucket: 'audited-lock', Key: 'contract.pdf', Body: 'signed' }))).VersionId ?? '';
    const until = new Date(Date.now() + 86_400_000);
    const version = { Bucket: 'audited-lock', Key: 'contract.pdf', VersionId: v1 };
    await root.send(new PutObjectRetentionCommand({ ...version, Retention: { Mode: 'GOVERNANCE', RetainUntilDate: until } }));
    await root.send(new PutObjectLegalHoldCommand({ ...version, LegalHold: { Status: 'ON' } }));

    const run = cli();
    await run.run('admin', '--access', gw.rootCredentials.access, '--secret', gw.rootCredentials.secret, '--endpoint-url', gw.endpoint, 'versions', '-b', 'audited-lock', '-k', 'contract.pdf');
    const lines = run.stdout().split('\n');
    expect(lines.find((line) => line.includes('PutObjectRetention'))).toMatch(new RegExp(`retention GOVERNANCE until ${until.toISOString().replace(/\./g, '\\.')} +${v1}`));
    expect(lines.find((line) => line.includes('PutObjectLegalHold'))).toMatch(new RegExp(`legal hold ON +${v1}`));
  });

  it('refuses a call without a key', async () => {
    const response = await adminCall(gw, '/list-object-versions', { query: { bucket: 'audited' } });
    expect(response.status).toBe(400);
    expect(adminError(response).parameter).toBe('key');
  });
});
