import { startGateway, type RunningGateway } from '../support/gateway';
import { adminCall, adminError } from './admin-client';

describe('admin API: multipart uploads in flight', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.stop());

  it('lists the uploads this node knows with their parts, oldest first, and the start-up recovery report', async () => {
    const journal = gw.gateway.services.multipart.journal;
    const older = { bucket: 'videos', key: 'film.mkv', uploadId: 'U-older' };
    const newer = { bucket: 'backups', key: 'db.tar', uploadId: 'U-newer' };
    journal.created(newer, new Date('2025-06-02T00:00:00Z'), undefined);
    journal.created(older, new Date('2025-06-01T00:00:00Z'), undefined);
    journal.partUploaded(older, { partNumber: 2, etag: 'b'.repeat(32), size: 100 });
    journal.partUploaded(older, { partNumber: 1, etag: 'a'.repeat(32), size: 5 << 20 });

    const response = await adminCall(gw, '/list-multipart-uploads');
    expect(response.status).toBe(200);
    const view = response.json as {
      uploads: Array<{ bucket: string; uploadId: string; partCount: number; size: number; parts: Array<{ partNumber: number; etag: string }> }>;
      recovery: { uploadsOnStorage: number } | null;
    };
    expect(view.uploads.map((u) => u.uploadId)).toEqual(['U-older', 'U-newer']);
    expect(view.uploads[0]).toMatchObject({ bucket: 'videos', key: 'film.mkv', partCount: 2, size: (5 << 20) + 100 });
    expect(view.uploads[0].parts.map((p) => [p.partNumber, p.etag])).toEqual([
      [1, 'a'.repeat(32)],
      [2, 'b'.repeat(32)],
    ]);
    expect(view.uploads[1]).toMatchObject({ partCount: 0, size: 0, parts: [] });
    // Recovery ran when the gateway started, over an empty tree.
    expect(view.recovery).toMatchObject({ uploadsOnStorage: 0 });

    const oneBucket = await adminCall(gw, '/list-multipart-uploads', { query: { bucket: 'backups' } });
    expect((oneBucket.json as typeof view).uploads.map((u) => u.uploadId)).toEqual(['U-newer']);
    const bad = await adminCall(gw, '/list-multipart-uploads', { query: { bucket: '' } });
    expect(adminError(bad)).toMatchObject({ code: 'InvalidParameter', parameter: 'bucket' });
  });
});
