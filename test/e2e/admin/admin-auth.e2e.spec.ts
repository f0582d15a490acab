import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startGateway, type RunningGateway } from '../support/gateway';
import { signedRequest, xmlCode } from '../support/signed-request';
import { adminCall, adminError } from './admin-client';

// Who may use the admin API, and that it stays apart from the S3 API on the same port.
describe('admin API authentication', () => {
  let gw: RunningGateway;
  const admin = { access: 'second-admin', secret: 'second-admin-secret' };
  const user = { access: 'plain-user', secret: 'plain-user-secret' };

  beforeAll(async () => {
    gw = await startGateway();
    for (const [account, role] of [
      [admin, 'admin'],
      [user, 'userplus'],
    ] as const) {
      expect((await adminCall(gw, '/create-user', { body: { ...account, role } })).status).toBe(201);
    }
  });
  afterAll(() => gw.stop());

  it('admits root and any account whose role is admin', async () => {
    expect((await adminCall(gw, '/list-users')).status).toBe(200);
    const response = await adminCall(gw, '/list-users', { credentials: admin });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('refuses other roles with AccessDenied, as JSON', async () => {
    const response = await adminCall(gw, '/list-users', { credentials: user });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(adminError(response)).toEqual({
      code: 'AccessDenied',
      message: 'Only admin accounts may use the admin API',
      requestId: response.headers['x-amz-request-id'],
    });
  });

  it('refuses anonymous requests with AccessDenied', async () => {
    const response = await adminCall(gw, '/create-user', { anonymous: true, body: { access: 'sneaky', secret: 'x', role: 'admin' } });
    expect(response.status).toBe(403);
    expect(adminError(response).code).toBe('AccessDenied');
    expect((await adminCall(gw, '/list-users')).json).not.toMatchObject({ accounts: expect.arrayContaining([expect.objectContaining({ access: 'sneaky' })]) });
  });

  it('answers S3 signature errors in JSON: wrong secret, unknown key', async () => {
    const wrong = await adminCall(gw, '/list-users', { credentials: { access: admin.access, secret: 'not-the-secret' } });
    expect(wrong.status).toBe(403);
    expect(adminError(wrong).code).toBe('SignatureDoesNotMatch');
    const unknown = await adminCall(gw, '/list-users', { credentials: { access: 'nobody', secret: 'x' } });
    expect(unknown.status).toBe(403);
    expect(adminError(unknown).code).toBe('InvalidAccessKeyId');
  });

  it('leaves S3 routes to the S3 controller: GET on a bucket named like an admin route, XML errors for PATCH elsewhere', async () => {
    const s3 = gw.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'list-users' }));
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: 'list-users' }));
    expect(listing.KeyCount).toBe(0);
    // The admin route is PATCH only, and only at exactly its path.
    const patchObject = await signedRequest(gw.port, gw.rootCredentials, { method: 'PATCH', path: '/list-users/some-key' });
    expect(patchObject.status).toBe(405);
    expect(xmlCode(patchObject.body)).toBe('MethodNotAllowed');
    expect(patchObject.headers['content-type']).toMatch(/xml/);
  });

  it('answers admin routes itself: no S3 admission, JSON refusals from the IAM store', async () => {
    // As S3, PATCH /create-user would be MethodNotAllowed in XML; the admin route validates the account instead.
    const response = await adminCall(gw, '/create-user', { body: { access: 'x y', secret: 's', role: 'user' } });
    expect(response.status).toBe(400);
    expect(adminError(response).code).toBe('InvalidAccount');
  });
});
