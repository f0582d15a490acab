import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startGateway, type RunningGateway } from '../support/gateway';
import { cli } from './admin-cli-runner';

describe('tracegw admin', () => {
  let gw: RunningGateway;
  let connection: string[];
  beforeAll(async () => {
    gw = await startGateway();
    connection = ['admin', '--access', gw.rootCredentials.access, '--secret', gw.rootCredentials.secret, '--endpoint-url', gw.endpoint];
  });
  afterAll(() => gw.stop());

  it('manages users with VersityGW’s subcommands and flags, tables for people', async () => {
    const create = cli();
    await create.run(...connection, 'create-user', '--access', 'jay', '--secret', 'jay-secret', '--role', 'user', '--ui', '1001', '--gi', '100');
    expect(create.stdout()).toBe('access:     jay\nrole:       user\nuser id:    1001\ngroup id:   100\nproject id: -\n');

    const update = cli();
    await update.run(...connection, 'update-user', '-a', 'jay', '-r', 'userplus');
    expect(update.stdout()).toContain('role:       userplus');

    const list = cli();
    await list.run(...connection, 'list-users');
    expect(list.stdout()).toBe(
      ['Account  Role      UserID  GroupID  ProjectID', '-------  --------  ------  -------  ---------', 'jay      userplus    1001      100          -', ''].join('\n'),
    );

    const remove = cli();
    await remove.run(...connection, 'delete-user', '--access', 'jay');
    expect(remove.stdout()).toBe('deleted jay\n');
    const after = cli();
    await after.run(...connection, 'list-users', '--json');
    expect(JSON.parse(after.stdout())).toEqual({ accounts: [] });
  });

  it('reads credentials and endpoint from VersityGW’s ADMIN_* variables', async () => {
    const run = cli({ ADMIN_ACCESS_KEY: gw.rootCredentials.access, ADMIN_SECRET_KEY: gw.rootCredentials.secret, ADMIN_ENDPOINT_URL: gw.endpoint });
    await run.run('admin', 'list-buckets', '--json');
    expect(JSON.parse(run.stdout())).toEqual({ buckets: [] });
  });

  it('changes bucket owners and lists buckets with them', async () => {
    await cli().run(...connection, 'create-user', '-a', 'kim', '-s', 'kim-secret', '-r', 'user');
    await gw.s3().send(new CreateBucketCommand({ Bucket: 'cli-bucket' }));
    const change = cli();
    await change.run(...connection, 'change-bucket-owner', '--bucket', 'cli-bucket', '--owner', 'kim');
    expect(change.stdout()).toBe(`cli-bucket: owner ${gw.rootCredentials.access} -> kim\n`);
    const list = cli();
    await list.run(...connection, 'list-buckets');
    expect(list.stdout()).toMatch(/^Bucket\s+Owner\s+Created\n-+\s+-+\s+-+\ncli-bucket\s+kim\s+\d{4}-/);
  });

  it('shows the operation history, one operation, the summary and multipart uploads', async () => {
    await gw.s3().send(new PutObjectCommand({ Bucket: 'cli-bucket', Key: 'report.csv', Body: 'a,b\n' }));
    const page = cli();
    await page.run(...connection, 'operations', '--bucket', 'cli-bucket', '--operation', 'PutObject', '--json');
    const { operations } = JSON.parse(page.stdout()) as { operations: Array<{ id: number; key: string; bytesIn: number }> };
    expect(operations).toEqual([expect.objectContaining({ key: 'report.csv', bytesIn: 4 })]);

    const table = cli();
    await table.run(...connection, 'operations', '--bucket', 'cli-bucket', '--limit', '1');
    const lines = table.stdout().split('\n');
    expect(lines[0]).toMatch(/^\s*ID\s+Started\s+Operation\s+Bucket\s+Key\s+Account\s+Status\s+Error\s+In\s+Out\s+ms\s+Trace$/);
    expect(lines[2]).toMatch(/PutObject\s+cli-bucket\s+report\.csv\s+\S+\s+200\s+-\s+4\s+0/);
    expect(lines[3]).toMatch(/^more: --cursor \S+$/);

    const one = cli();
    await one.run(...connection, 'operations', '--id', String(operations[0].id));
    expect(one.stdout()).toMatch(/^id: +\d+\n/);
    expect(one.stdout()).toMatch(/\nkey: +report\.csv\n/);

    const summary = cli();
    await summary.run(...connection, 'summary');
    expect(summary.stdout()).toMatch(/Operation\s+Count\s+Errors\s+Bytes in\s+Bytes out\s+p50 ms\s+p95 ms\s+p99 ms/);
    expect(summary.stdout()).toMatch(/\nPutObject\s+1\s+0\s+4\s+0\s/);
    expect(summary.stdout()).toMatch(/\ntotal\s+\d+/);

    const multipart = cli();
    await multipart.run(...connection, 'multipart', '--json');
    expect(JSON.parse(multipart.stdout())).toMatchObject({ uploads: [] });
  });

  it('rebuilds projections in the running gateway', async () => {
    const run = cli();
    await run.run(...connection, 'rebuild-projections');
    expect(run.stdout()).toMatch(/^replayed \d+ event\(s\) into accounts/);
  });

  it('fails with the API’s own error line', async () => {
    const bad = cli();
    await expect(bad.run(...connection, 'operations', '--limit', '5000')).rejects.toThrow('InvalidParameter: limit must be a whole number from 1 to 1000');
    const denied = cli();
    await expect(
      denied.run('admin', '--access', 'kim', '--secret', 'kim-secret', '--endpoint-url', gw.endpoint, 'list-users'),
    ).rejects.toThrow('AccessDenied: Only admin accounts may use the admin API');
  });

  it('treats missing credentials and bad flags as usage errors (exit 2)', async () => {
    const missing = cli();
    await missing.run('admin', '--endpoint-url', gw.endpoint, 'list-users');
    expect(missing.exits).toEqual([2]);
    expect(missing.stderr()).toBe('tracegw: missing --access (ADMIN_ACCESS_KEY_ID or ADMIN_ACCESS_KEY): the admin API needs it\n');

    const badId = cli();
    await badId.run(...connection, 'create-user', '-a', 'x', '-s', 'y', '-r', 'user', '--user-id', 'abc');
    expect(badId.exits).toEqual([2]);
    expect(badId.stderr()).toMatch(/^tracegw: option '--ui, --user-id <id>' argument 'abc' is invalid/);

    const noRole = cli();
    await noRole.run(...connection, 'create-user', '-a', 'x', '-s', 'y');
    expect(noRole.exits).toEqual([2]);
  });
});
