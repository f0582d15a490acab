import { openMultipartJournal, type MultipartJournalFixture } from './journal-fixture';
import { partRemoved } from '../../../src/multipart/multipart-events';

const A = { bucket: 'b', key: 'k', uploadId: '11111111-1111-4111-8111-111111111111' };
const B = { bucket: 'b', key: 'other', uploadId: '22222222-2222-4222-8222-222222222222' };

describe('the multipart journal: events and their projection', () => {
  let fx: MultipartJournalFixture;
  beforeEach(() => {
    fx = openMultipartJournal();
  });
  afterEach(() => {
    fx.close();
  });

  const state = () => fx.journal.inFlight().map(({ updatedAt: _u, updatedSeq: _s, ...rest }) => ({ ...rest, parts: rest.parts.map(({ seq: _q, uploadedAt: _a, ...p }) => p) }));

  it('records uploads and parts in flight; a part sent again replaces its record; completion and abort end them', () => {
    fx.journal.created(A, new Date('2025-05-01T00:00:00Z'), { algorithm: 'CRC32', type: 'COMPOSITE' }, 'trace-1');
    fx.journal.partUploaded(A, { partNumber: 1, etag: 'e1', size: 10, checksum: { algorithm: 'CRC32', value: 'AAAAAA==' } });
    fx.journal.partUploaded(A, { partNumber: 2, etag: 'e2', size: 5 });
    fx.journal.partUploaded(A, { partNumber: 2, etag: 'e2b', size: 6 });
    fx.journal.created(B, new Date('2025-05-02T00:00:00Z'), undefined);
    expect(state()).toEqual([
      {
        ...A,
        initiated: '2025-05-01T00:00:00.000Z',
        checksumAlgorithm: 'CRC32',
        checksumType: 'COMPOSITE',
        origin: 'request',
        createdSeq: 1,
        parts: [
          { ...A, partNumber: 1, etag: 'e1', size: 10, checksumAlgorithm: 'CRC32', checksumValue: 'AAAAAA==', origin: 'request' },
          { ...A, partNumber: 2, etag: 'e2b', size: 6, checksumAlgorithm: null, checksumValue: null, origin: 'request' },
        ],
      },
      { ...B, initiated: '2025-05-02T00:00:00.000Z', checksumAlgorithm: null, checksumType: null, origin: 'request', createdSeq: 5, parts: [] },
    ]);
    // Each upload's whole story is one stream, with the request's trace id.
    expect(fx.events.readStream('upload:b/' + A.uploadId).map((e) => [e.type, e.traceId])).toEqual([
      ['UploadCreated', 'trace-1'],
      ['PartUploaded', undefined],
      ['PartUploaded', undefined],
      ['PartUploaded', undefined],
    ]);

    fx.journal.completed(A, { etag: 'x-2', size: 16, partCount: 2 }, 'request');
    fx.journal.aborted(B, 'request');
    expect(state()).toEqual([]);
  });

  it('records a part of an upload it never saw created (another gateway made it), and ends uploads it never knew', () => {
    fx.journal.partUploaded(A, { partNumber: 3, etag: 'e3', size: 1 });
    expect(state()).toMatchObject([{ ...A, origin: 'part', parts: [{ partNumber: 3 }] }]);
    fx.journal.aborted(B, 'expired');
    fx.journal.appendAll([partRemoved(A, 3)]);
    expect(state()).toMatchObject([{ ...A, parts: [] }]);
  });

  it('rebuilds the same tables from the events alone', () => {
    fx.journal.created(A, new Date('2025-05-01T00:00:00Z'), undefined);
    fx.journal.partUploaded(A, { partNumber: 1, etag: 'e1', size: 10 });
    fx.journal.partUploaded(B, { partNumber: 4, etag: 'e4', size: 4 });
    fx.journal.created(B, new Date('2025-05-03T00:00:00Z'), undefined);
    fx.journal.partUploaded(A, { partNumber: 2, etag: 'e2', size: 2 });
    fx.journal.appendAll([partRemoved(A, 1)]);
    const before = fx.journal.inFlight();
    fx.db.db.exec('DELETE FROM multipart_uploads');
    expect(fx.journal.inFlight()).toEqual([]);
    expect(fx.events.rebuildProjections().projections).toEqual(['multipart-uploads']);
    expect(fx.journal.inFlight()).toEqual(before);
  });

  it('appendAll is one transaction: a failing event leaves nothing recorded', () => {
    expect(() => fx.journal.appendAll([
      { streamId: 'upload:b/x', type: 'UploadAborted', data: { ...A, reason: 'request' } },
      { streamId: '', type: 'UploadAborted', data: {} },
    ])).toThrow();
    expect(fx.events.lastSeq()).toBe(0);
  });
});
