import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { startGateway, type RunningGateway } from '../support/gateway';
import { errorCode } from '../support/s3-error-code';
import { adminCall, adminError } from './admin-client';

interface EventRow {
  stream_id: string;
  type: string;
  data: string;
  trace_id: string | null;
}

// IAM and bucket owners through the admin API, as VersityGW's admin API offers them.
describe('admin API: accounts and bucket owners', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.stop());

  const events = (type: string) =>
    gw.gateway.services.journal.db.prepare('SELECT stream_id, type, data, trace_id FROM events WHERE type = ? ORDER BY seq').all(type) as EventRow[];

  it('creates, lists, updates and deletes accounts, each change an event carrying the trace id', async () => {
    const created = await adminCall(gw, '/create-user', { body: { access: 'dana', secret: 'dana-secret-1', role: 'user', userId: 1001, groupId: 100 } });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ account: { access: 'dana', role: 'user', userId: 1001, groupId: 100 } });

    const listed = await adminCall(gw, '/list-users');
    expect(listed.json).toEqual({ accounts: [{ access: 'dana', role: 'user', userId: 1001, groupId: 100 }] });
    // Secrets never leave through the admin API.
    expect(listed.body).not.toContain('dana-secret-1');

    const updated = await adminCall(gw, '/update-user', { query: { access: 'dana' }, body: { role: 'userplus', secret: 'dana-secret-2', projectId: 7 } });
    expect(updated.status).toBe(200);
    expect(updated.json).toEqual({ account: { access: 'dana', role: 'userplus', userId: 1001, groupId: 100, projectId: 7 } });

    // The new secret is the one S3 accepts now.
    expect(await errorCode(gw.s3({ access: 'dana', secret: 'dana-secret-1' }).send(new ListBucketsCommand({})))).toBe('SignatureDoesNotMatch');
    await gw.s3({ access: 'dana', secret: 'dana-secret-2' }).send(new ListBucketsCommand({}));

    const deleted = await adminCall(gw, '/delete-user', { query: { access: 'dana' } });
    expect(deleted.json).toEqual({ deleted: 'dana' });
    expect(await errorCode(gw.s3({ access: 'dana', secret: 'dana-secret-2' }).send(new ListBucketsCommand({})))).toBe('InvalidAccessKeyId');

    const log = [...events('AccountCreated'), ...events('AccountUpdated'), ...events('AccountDeleted')].filter((e) => e.stream_id === 'account:dana');
    expect(log.map((e) => e.type)).toEqual(['AccountCreated', 'AccountUpdated', 'AccountDeleted']);
    expect(log.map((e) => e.trace_id)).toEqual([created.headers['x-trace-id'], updated.headers['x-trace-id'], deleted.headers['x-trace-id']]);
  });

  it.each([
    ['/create-user', {}, { access: 'erin', secret: 's', role: 'superuser' }, 'role', 'role must be one of admin, user, userplus'],
    ['/create-user', {}, { access: 'erin', secret: 's', role: 'user', userId: 'ten' }, 'userId', 'userId must be a non-negative integer'],
    ['/create-user', {}, { access: 'erin', secret: 's', role: 'user', admin: true }, 'admin', 'unknown field admin'],
    ['/update-user', {}, { role: 'user' }, 'access', 'access is required and must be a string'],
    ['/delete-user', { access: '' }, undefined, 'access', 'access must be 1 to 128 characters'],
  ])('answers 400 naming the bad parameter: %s %j %j', async (path, query, body, parameter, message) => {
    const response = await adminCall(gw, path, { query, body });
    expect(response.status).toBe(400);
    expect(adminError(response)).toMatchObject({ code: 'InvalidParameter', parameter, message });
  });

  it('refuses a body that is not a JSON object, and one too large', async () => {
    const notJson = await adminCall(gw, '/create-user', { rawBody: '{"access":' });
    expect(adminError(notJson)).toMatchObject({ code: 'MalformedJSON', message: expect.stringMatching(/^the request body is not JSON: /) });
    const array = await adminCall(gw, '/create-user', { body: [1, 2] });
    expect(adminError(array)).toMatchObject({ code: 'MalformedJSON', message: 'the request body must be a JSON object' });
    const large = await adminCall(gw, '/create-user', { body: { access: 'big', secret: 'x'.repeat(70_000), role: 'user' } });
    expect(large.status).toBe(413);
    expect(adminError(large).code).toBe('RequestBodyTooLarge');
  });

  it('answers conflicts and unknown accounts with their own codes', async () => {
    await adminCall(gw, '/create-user', { body: { access: 'frank', secret: 'frank-secret', role: 'user' } });
    const again = await adminCall(gw, '/create-user', { body: { access: 'frank', secret: 'other', role: 'user' } });
    expect(again.status).toBe(409);
    expect(adminError(again).code).toBe('AccountExists');
    const root = await adminCall(gw, '/create-user', { body: { access: gw.rootCredentials.access, secret: 'x', role: 'user' } });
    expect(adminError(root).code).toBe('AccountExists');
    const missing = await adminCall(gw, '/update-user', { query: { access: 'ghost' }, body: { role: 'admin' } });
    expect(missing.status).toBe(404);
    expect(adminError(missing).code).toBe('NoSuchAccount');
    const rootUpdate = await adminCall(gw, '/delete-user', { query: { access: gw.rootCredentials.access } });
    expect(rootUpdate.status).toBe(400);
    expect(adminError(rootUpdate).code).toBe('InvalidAccount');
  });

  it('changes a bucket owner (the new owner can use it, the old one cannot), recorded as an event', async () => {
    await adminCall(gw, '/create-user', { body: { access: 'gina', secret: 'gina-secret', role: 'userplus' } });
    await adminCall(gw, '/create-user', { body: { access: 'hugo', secret: 'hugo-secret', role: 'user' } });
    const gina = gw.s3({ access: 'gina', secret: 'gina-secret' });
    const hugo = gw.s3({ access: 'hugo', secret: 'hugo-secret' });
    await gina.send(new CreateBucketCommand({ Bucket: 'handover' }));
    expect(await errorCode(hugo.send(new PutObjectCommand({ Bucket: 'handover', Key: 'k', Body: 'x' })))).toBe('AccessDenied');
    // The old owner's policy goes with the bucket's old ACL, as VersityGW's ChangeBucketOwner does.
    const denyHugo = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: ['hugo'] }, Action: 's3:*', Resource: 'arn:aws:s3:::handover/*' }] };
    await gina.send(new PutBucketPolicyCommand({ Bucket: 'handover', Policy: JSON.stringify(denyHugo) }));

    const changed = await adminCall(gw, '/change-bucket-owner', { query: { bucket: 'handover', owner: 'hugo' } });
    expect(changed.status).toBe(200);
    expect(changed.json).toEqual({ bucket: 'handover', owner: 'hugo', previousOwner: 'gina' });

    await hugo.send(new PutObjectCommand({ Bucket: 'handover', Key: 'k', Body: 'x' }));
    expect(await errorCode(hugo.send(new GetBucketPolicyCommand({ Bucket: 'handover' })))).toBe('NoSuchBucketPolicy');
    expect(await errorCode(gina.send(new PutObjectCommand({ Bucket: 'handover', Key: 'k', Body: 'y' })))).toBe('AccessDenied');

    // Listed by root, the objects still name the bucket's owner, not the caller.
    const v1 = await gw.s3().send(new ListObjectsCommand({ Bucket: 'handover' }));
    expect(v1.Contents?.map((object) => object.Owner?.ID)).toEqual(['hugo']);
    const v2 = await gw.s3().send(new ListObjectsV2Command({ Bucket: 'handover', FetchOwner: true }));
    expect(v2.Contents?.map((object) => object.Owner?.ID)).toEqual(['hugo']);

    const listed = await adminCall(gw, '/list-buckets');
    expect(listed.json).toEqual({ buckets: [{ name: 'handover', owner: 'hugo', creationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }] });

    const [event] = events('BucketOwnerChanged');
    expect(event).toEqual({
      stream_id: 'bucket:handover',
      type: 'BucketOwnerChanged',
      data: JSON.stringify({ bucket: 'handover', owner: 'hugo', previousOwner: 'gina' }),
      trace_id: changed.headers['x-trace-id'],
    });
  });

  it('refuses an unknown owner or bucket, changing nothing and recording nothing', async () => {
    const before = events('BucketOwnerChanged').length;
    const noOwner = await adminCall(gw, '/change-bucket-owner', { query: { bucket: 'handover', owner: 'nobody' } });
    expect(noOwner.status).toBe(404);
    expect(adminError(noOwner).code).toBe('NoSuchAccount');
    const noBucket = await adminCall(gw, '/change-bucket-owner', { query: { bucket: 'no-such-bucket', owner: 'hugo' } });
    expect(noBucket.status).toBe(404);
    expect(adminError(noBucket).code).toBe('NoSuchBucket');
    const noQuery = await adminCall(gw, '/change-bucket-owner', { query: { bucket: 'handover' } });
    expect(adminError(noQuery)).toMatchObject({ code: 'InvalidParameter', parameter: 'owner' });
    expect(events('BucketOwnerChanged')).toHaveLength(before);
  });
});
