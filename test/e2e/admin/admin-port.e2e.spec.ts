import { listenAdminPort, type AdminListener } from '../../../src/admin/admin-listener';
import type { OperationView } from '../../../src/admin/history/operation-view';
import { startGateway, type RunningGateway } from '../support/gateway';
import { signedRequest } from '../support/signed-request';
import { adminCall, adminError } from './admin-client';

// --admin-port: the admin API on an address of its own, beside (not instead of) the S3 port.
describe('admin API on --admin-port', () => {
  let gw: RunningGateway;
  let admin: AdminListener;
  let onAdminPort: Pick<RunningGateway, 'port' | 'rootCredentials'>;

  beforeAll(async () => {
    gw = await startGateway();
    admin = await listenAdminPort(gw.gateway.app.getHttpAdapter().getInstance(), { host: '127.0.0.1', port: 0 }, undefined);
    onAdminPort = { port: admin.address.port, rootCredentials: gw.rootCredentials };
  });
  afterAll(async () => {
    await admin.close();
    await gw.stop();
  });

  it('serves the admin API with the same authentication, and journals its requests', async () => {
    const created = await adminCall(onAdminPort, '/create-user', { body: { access: 'ivy', secret: 'ivy-secret', role: 'user' } });
    expect(created.status).toBe(201);
    const refused = await adminCall(onAdminPort, '/list-users', { credentials: { access: 'ivy', secret: 'ivy-secret' } });
    expect(adminError(refused).code).toBe('AccessDenied');
    // The S3 port still has the admin API, and sees the account made through the other port.
    const listed = await adminCall(gw, '/list-users');
    expect(listed.json).toEqual({ accounts: [{ access: 'ivy', role: 'user' }] });

    const rows = (await adminCall(gw, '/list-operations', { query: { 'trace-id': String(created.headers['x-trace-id']) } })).json as { operations: OperationView[] };
    expect(rows.operations.map((o) => o.operation)).toEqual(['AdminCreateUser']);
  });

  it('is not a second S3 endpoint: anything but an admin route gets a JSON 404', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['PUT', '/some-bucket'],
      ['GET', '/list-users'],
      ['PATCH', '/list-users/extra'],
    ]) {
      const response = await signedRequest(onAdminPort.port, gw.rootCredentials, { method, path });
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'NotFound' } });
    }
    expect((await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/' })).status).toBe(200);
  });
});
