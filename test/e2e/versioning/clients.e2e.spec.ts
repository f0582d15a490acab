import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AwsCli, awsCliFor } from '../support/aws-cli';
import type { RunningGateway } from '../support/gateway';
import { rcloneFor } from '../support/rclone';
import { startVersionedGateway } from './versioned-gateway';

interface ListedVersions {
  Versions?: { Key: string; VersionId: string; IsLatest: boolean }[];
  DeleteMarkers?: { Key: string; VersionId: string; IsLatest: boolean }[];
}

/** aws-cli (botocore, Python) and rclone (Go) against a gateway with --versioning-dir. */
describe('versioning with aws-cli and rclone', () => {
  let gw: RunningGateway;
  let cli: AwsCli;
  let work: string;
  beforeAll(async () => {
    gw = await startVersionedGateway();
    cli = await awsCliFor(gw);
    work = await mkdtemp(join(tmpdir(), 'tracegw-rclone-versions-'));
  });
  afterAll(async () => {
    await gw.stop();
    await cli.dispose();
    await rm(work, { recursive: true, force: true });
  });

  it('aws s3api: versioning on, two versions and a delete marker in list-object-versions', async () => {
    await cli.aws('s3api', 'create-bucket', '--bucket', 'cli-versions');
    await cli.aws('s3api', 'put-bucket-versioning', '--bucket', 'cli-versions', '--versioning-configuration', 'Status=Enabled');
    expect(JSON.parse(await cli.aws('s3api', 'get-bucket-versioning', '--bucket', 'cli-versions'))).toEqual({ Status: 'Enabled' });
    await writeFile(join(cli.work, 'f.txt'), 'one');
    const first = JSON.parse(await cli.aws('s3api', 'put-object', '--bucket', 'cli-versions', '--key', 'f.txt', '--body', join(cli.work, 'f.txt'))) as { VersionId: string };
    await writeFile(join(cli.work, 'f.txt'), 'two');
    const second = JSON.parse(await cli.aws('s3api', 'put-object', '--bucket', 'cli-versions', '--key', 'f.txt', '--body', join(cli.work, 'f.txt'))) as { VersionId: string };
    const marker = JSON.parse(await cli.aws('s3api', 'delete-object', '--bucket', 'cli-versions', '--key', 'f.txt')) as { DeleteMarker: boolean; VersionId: string };
    expect(marker.DeleteMarker).toBe(true);

    const listed = JSON.parse(await cli.aws('s3api', 'list-object-versions', '--bucket', 'cli-versions')) as ListedVersions;
    expect(listed.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest])).toEqual([
      ['f.txt', second.VersionId, false],
      ['f.txt', first.VersionId, false],
    ]);
    expect(listed.DeleteMarkers?.map((m) => [m.Key, m.VersionId, m.IsLatest])).toEqual([['f.txt', marker.VersionId, true]]);
    await cli.aws('s3api', 'get-object', '--bucket', 'cli-versions', '--key', 'f.txt', '--version-id', first.VersionId, join(cli.work, 'back.txt'));
    expect(await readFile(join(cli.work, 'back.txt'), 'utf8')).toBe('one');
  });

  it('aws s3api: retention and legal hold of a version, and the locked version kept from delete-object', async () => {
    await cli.aws('s3api', 'create-bucket', '--bucket', 'cli-lock', '--object-lock-enabled-for-bucket');
    await writeFile(join(cli.work, 'locked.txt'), 'keep me');
    const { VersionId } = JSON.parse(await cli.aws('s3api', 'put-object', '--bucket', 'cli-lock', '--key', 'locked.txt', '--body', join(cli.work, 'locked.txt'))) as { VersionId: string };
    const until = new Date(Date.now() + 86_400_000);
    until.setUTCMilliseconds(0);
    const version = ['--bucket', 'cli-lock', '--key', 'locked.txt', '--version-id', VersionId];
    await cli.aws('s3api', 'put-object-retention', ...version, '--retention', `Mode=GOVERNANCE,RetainUntilDate=${until.toISOString()}`);
    const { Retention } = JSON.parse(await cli.aws('s3api', 'get-object-retention', ...version)) as { Retention: { Mode: string; RetainUntilDate: string } };
    expect([Retention.Mode, new Date(Retention.RetainUntilDate).getTime()]).toEqual(['GOVERNANCE', until.getTime()]);
    await cli.aws('s3api', 'put-object-legal-hold', ...version, '--legal-hold', 'Status=ON');
    expect(JSON.parse(await cli.aws('s3api', 'get-object-legal-hold', ...version))).toEqual({ LegalHold: { Status: 'ON' } });

    await expect(cli.aws('s3api', 'delete-object', ...version, '--bypass-governance-retention')).rejects.toThrow(/AccessDenied/);
    await cli.aws('s3api', 'put-object-legal-hold', ...version, '--legal-hold', 'Status=OFF');
    await expect(cli.aws('s3api', 'delete-object', ...version)).rejects.toThrow(/AccessDenied/);
    await cli.aws('s3api', 'delete-object', ...version, '--bypass-governance-retention');
    const listed = JSON.parse((await cli.aws('s3api', 'list-object-versions', '--bucket', 'cli-lock')) || '{}') as ListedVersions;
    expect(listed.Versions ?? []).toEqual([]);
  });

  it('rclone --s3-versions lists and reads an older version', async () => {
    const rclone = rcloneFor(gw, work);
    await rclone('mkdir', 'tgw:rclone-versions');
    await cli.aws('s3api', 'put-bucket-versioning', '--bucket', 'rclone-versions', '--versioning-configuration', 'Status=Enabled');
    await writeFile(join(work, 'doc.txt'), 'first');
    await rclone('copyto', join(work, 'doc.txt'), 'tgw:rclone-versions/doc.txt');
    await writeFile(join(work, 'doc.txt'), 'second, longer');
    await rclone('copyto', join(work, 'doc.txt'), 'tgw:rclone-versions/doc.txt');

    const names = (await rclone('lsf', '--s3-versions', 'tgw:rclone-versions')).stdout.split('\n').filter(Boolean);
    expect(names).toHaveLength(2);
    expect(names).toContain('doc.txt');
    const older = names.find((name) => name !== 'doc.txt') ?? '';
    expect(older).toMatch(/^doc-v\d{4}-\d{2}-\d{2}-\d{6}-\d{3}\.txt$/);
    expect((await rclone('cat', '--s3-versions', `tgw:rclone-versions/${older}`)).stdout).toBe('first');
    expect((await rclone('cat', 'tgw:rclone-versions/doc.txt')).stdout).toBe('second, longer');
  });
});
