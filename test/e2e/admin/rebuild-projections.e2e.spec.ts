import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { startGateway, type RunningGateway } from '../support/gateway';
import { adminCall } from './admin-client';

// The event store discipline: projections are derived data, and a rebuild from the append-only
// events gives back exactly the state the gateway built live.
describe('rebuild-projections', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.stop());

  const table = (name: string) => gw.gateway.services.journal.db.prepare(`SELECT * FROM ${name} ORDER BY 1, 2, 3`).all();
  const state = () => ({ accounts: table('accounts'), uploads: table('multipart_uploads'), parts: table('multipart_parts'), events: table('events') });

  it('gives the same state as was built live, after the projection tables were damaged', async () => {
    for (const [access, role] of [
      ['lena', 'user'],
      ['mark', 'userplus'],
      ['nora', 'admin'],
    ]) {
      await adminCall(gw, '/create-user', { body: { access, secret: `${access}-secret`, role } });
    }
    await adminCall(gw, '/update-user', { query: { access: 'lena' }, body: { secret: 'lena-2', userId: 5 } });
    await adminCall(gw, '/delete-user', { query: { access: 'nora' } });
    await gw.s3().send(new CreateBucketCommand({ Bucket: 'rebuilt' }));
    await adminCall(gw, '/change-bucket-owner', { query: { bucket: 'rebuilt', owner: 'mark' } });
    // Multipart state through the gateway's own multipart journal (its events and projection).
    const journal = gw.gateway.services.multipart.journal;
    const upload = { bucket: 'rebuilt', key: 'big.iso', uploadId: 'upload-1' };
    journal.created(upload, new Date('2025-06-01T00:00:00Z'), undefined, 'trace-1');
    journal.partUploaded(upload, { partNumber: 1, etag: 'a'.repeat(32), size: 5 << 20 });
    journal.partUploaded(upload, { partNumber: 2, etag: 'b'.repeat(32), size: 1024 });
    journal.created({ ...upload, uploadId: 'upload-2' }, new Date('2025-06-02T00:00:00Z'), undefined);
    journal.aborted({ ...upload, uploadId: 'upload-2' }, 'request');

    const live = state();
    expect(live.accounts).toHaveLength(2);
    expect(live.parts).toHaveLength(2);

    const db = gw.gateway.services.journal.db;
    db.exec(`DELETE FROM multipart_parts; UPDATE accounts SET role = 'admin', secret = 'stolen'; DELETE FROM accounts WHERE access = 'mark'`);
    expect(state()).not.toEqual(live);

    const rebuilt = await adminCall(gw, '/rebuild-projections');
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.json).toEqual({ events: live.events.length, projections: ['accounts', 'multipart-uploads'] });
    expect(state()).toEqual(live);

    // The running gateway serves the rebuilt accounts, not what the damaged table said.
    const asLena = await adminCall(gw, '/list-users', { credentials: { access: 'lena', secret: 'stolen' } });
    expect(asLena.status).toBe(403);
    const users = await adminCall(gw, '/list-users');
    expect(users.json).toEqual({ accounts: [{ access: 'lena', role: 'user', userId: 5 }, { access: 'mark', role: 'userplus' }] });
  });

  it('cannot change or remove an event: the log is append-only', () => {
    const db = gw.gateway.services.journal.db;
    expect(() => db.exec("UPDATE events SET type = 'Forged'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM events')).toThrow(/append-only/);
  });
});
