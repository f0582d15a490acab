import type { OperationRecord } from '../../../src/journal/history/operation-record';
import { ROWS_PER_STATEMENT } from '../../../src/journal/history/operation-rows-insert';
import { sampleRecord } from '../../unit/admin/sample-record';
import { openHistory, type HistoryFixture } from './history-fixture';

const T0 = Date.parse('2025-06-01T12:00:00.000Z');

/** 60 rows over 6 buckets, 3 accounts, several statuses, some sharing a start millisecond. */
function population(): OperationRecord[] {
  return Array.from({ length: 60 }, (_, i) =>
    sampleRecord({
      requestId: `R${i}`,
      traceId: i.toString(16).padStart(32, '0'),
      operation: ['GetObject', 'PutObject', 'ListObjectsV2'][i % 3],
      bucket: `bucket-${i % 6}`,
      key: i % 2 === 0 ? `logs/2025/${i}.txt` : `images/${i}.png`,
      accessKey: ['alice', 'bob', 'carol'][i % 3],
      httpStatus: i % 10 === 0 ? 404 : i % 15 === 0 ? 503 : 200,
      errorCode: i % 10 === 0 ? 'NoSuchKey' : i % 15 === 0 ? 'SlowDown' : null,
      // Pairs of rows start in the same millisecond: the id breaks the tie.
      startedAt: T0 + Math.floor(i / 2) * 1000,
      completed: i !== 7,
    }),
  );
}

describe('HistoryRepository', () => {
  let fx: HistoryFixture;
  let rows: OperationRecord[];
  beforeEach(() => {
    fx = openHistory();
    rows = population();
    fx.repository.insertMany(rows);
  });
  afterEach(() => fx.close());

  const ids = (list: { requestId: string }[]) => list.map((r) => r.requestId);
  const newestFirst = (list: OperationRecord[]) => [...list].reverse();

  it('is created by migration 0003, recorded in schema_migrations', () => {
    const versions = fx.journal.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(versions).toContainEqual({ version: 3, name: '0003_operation_history' });
  });

  it('stores every field and reads one row back by id', () => {
    const first = fx.repository.list({}, { limit: 1000 }).at(-1);
    expect(first).toEqual({ id: 1, ...rows[0] });
    expect(fx.repository.find(8)).toEqual({ id: 8, ...rows[7], completed: false });
    expect(fx.repository.find(999)).toBeUndefined();
  });

  it('lists newest first, by start time then id', () => {
    expect(ids(fx.repository.list({}, { limit: 1000 }))).toEqual(ids(newestFirst(rows)));
  });

  it.each<[string, Parameters<HistoryFixture['repository']['list']>[0], (r: OperationRecord) => boolean]>([
    ['bucket', { bucket: 'bucket-2' }, (r) => r.bucket === 'bucket-2'],
    ['key prefix', { keyPrefix: 'logs/' }, (r) => r.key?.startsWith('logs/') === true],
    ['operation', { operation: 'PutObject' }, (r) => r.operation === 'PutObject'],
    ['account', { accessKey: 'bob' }, (r) => r.accessKey === 'bob'],
    ['status', { status: { min: 404, max: 404 } }, (r) => r.httpStatus === 404],
    ['status class', { status: { min: 500, max: 599 } }, (r) => r.httpStatus >= 500],
    ['error code', { errorCode: 'SlowDown' }, (r) => r.errorCode === 'SlowDown'],
    ['time range', { from: T0 + 5000, to: T0 + 9000 }, (r) => r.startedAt >= T0 + 5000 && r.startedAt < T0 + 9000],
    ['trace id', { traceId: (33).toString(16).padStart(32, '0') }, (r) => r.requestId === 'R33'],
    [
      'several at once',
      { bucket: 'bucket-0', operation: 'GetObject', keyPrefix: 'logs/', status: { min: 200, max: 299 } },
      (r) => r.bucket === 'bucket-0' && r.operation === 'GetObject' && r.key?.startsWith('logs/') === true && r.httpStatus === 200,
    ],
  ])('filters by %s', (_name, filter, keep) => {
    const expected = ids(newestFirst(rows.filter(keep)));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(fx.repository.list(filter, { limit: 1000 }))).toEqual(expected);
  });

  it('pages through everything with cursors, each row once, ties included', () => {
    const seen: string[] = [];
    let after: { startedAt: number; id: number } | undefined;
    for (let page = 0; page < 20; page++) {
      const batch = fx.repository.list({ bucket: undefined }, { after, limit: 7 });
      seen.push(...ids(batch));
      if (batch.length < 7) break;
      const last = batch[batch.length - 1];
      after = { startedAt: last.startedAt, id: last.id };
    }
    expect(seen).toEqual(ids(newestFirst(rows)));
  });

  it('pages a filtered listing the same way', () => {
    const first = fx.repository.list({ accessKey: 'alice' }, { limit: 4 });
    const last = first[first.length - 1];
    const second = fx.repository.list({ accessKey: 'alice' }, { after: { startedAt: last.startedAt, id: last.id }, limit: 100 });
    expect([...ids(first), ...ids(second)]).toEqual(ids(newestFirst(rows.filter((r) => r.accessKey === 'alice'))));
  });

  it('stores a batch in one transaction: a bad row leaves none of the batch', () => {
    const bad = { ...sampleRecord({ requestId: 'bad' }), httpStatus: null } as unknown as OperationRecord;
    expect(() => fx.repository.insertMany([sampleRecord({ requestId: 'good' }), bad])).toThrow();
    expect(fx.repository.list({}, { limit: 1000 })).toHaveLength(60);
  });

  it('leaves none of the batch either when the bad row sits inside a many-row statement', () => {
    const batch = Array.from({ length: 3 * ROWS_PER_STATEMENT }, (_, i) => sampleRecord({ requestId: `B${i}` }));
    batch[ROWS_PER_STATEMENT + 3] = { ...batch[ROWS_PER_STATEMENT + 3], httpStatus: null } as unknown as OperationRecord;
    expect(() => fx.repository.insertMany(batch)).toThrow(/NOT NULL/);
    expect(fx.repository.list({}, { limit: 1000 })).toHaveLength(60);
  });

  it('stores batches of any size, whole statements and the rows left over, in order with every field', () => {
    const size = 2 * ROWS_PER_STATEMENT + 7;
    const batch = Array.from({ length: size }, (_, i) =>
      sampleRecord({ requestId: `N${i}`, partNumber: i % 2 === 0 ? i : null, uploadId: i % 3 === 0 ? `u${i}` : null, completed: i % 5 !== 0, durationMs: i + 0.25 }),
    );
    fx.repository.insertMany(batch);
    const stored = batch.map((_, i) => fx.repository.find(61 + i));
    expect(stored).toEqual(batch.map((row, i) => ({ id: 61 + i, ...row })));
    expect(fx.repository.find(61 + size)).toBeUndefined();
  });

  it('reads filters as values, never as SQL', () => {
    expect(fx.repository.list({ bucket: "x' OR '1'='1" }, { limit: 1000 })).toEqual([]);
    expect(fx.repository.list({ keyPrefix: '%' }, { limit: 1000 })).toEqual([]);
  });
});
