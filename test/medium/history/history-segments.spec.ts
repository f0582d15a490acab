// Medium: a real journal file whose history rolls over into a new segment every 10 ids, so that
// a few dozen rows span several tables. What the admin API reads must not show the seams.
import { openJournal } from '../../../src/journal/open-journal';
import { HistoryPruner } from '../../../src/journal/history/history-pruner';
import { HistoryRepository } from '../../../src/journal/history/history.repository';
import { HistorySummaryQuery } from '../../../src/journal/history/history-summary';
import { unionAllOf } from '../../../src/journal/history/history-segments';
import type { OperationRecord, StoredOperation } from '../../../src/journal/history/operation-record';
import { sampleRecord } from '../../unit/admin/sample-record';
import { openHistory, rowCount, segmentRanges, type HistoryFixture } from './history-fixture';
import { expectFiguresOf } from './summary-expectations';

const T0 = Date.parse('2025-06-01T12:00:00.000Z');
const SEGMENT_ROWS = 10;
const traceOf = (i: number) => (0x5e9000 + i).toString(16).padStart(32, '0');

/** Row i of a population: three buckets and accounts, some errors, start times in pairs. */
function row(i: number, overrides: Partial<OperationRecord> = {}): OperationRecord {
  return sampleRecord({
    requestId: `R${i}`,
    traceId: traceOf(i),
    operation: ['GetObject', 'PutObject', 'ListObjectsV2'][i % 3],
    bucket: `bucket-${i % 3}`,
    key: i % 2 === 0 ? `logs/${i}` : `images/${i}`,
    accessKey: ['alice', 'bob', 'carol'][i % 4 === 0 ? 0 : i % 3],
    httpStatus: i % 7 === 0 ? 404 : 200,
    errorCode: i % 7 === 0 ? 'NoSuchKey' : null,
    startedAt: T0 + Math.floor(i / 2) * 1000,
    durationMs: (i * 37) % 101,
    ...overrides,
  });
}

/** Newest first, as the listing orders: start time, then id. */
const newestFirst = (rows: StoredOperation[]) => [...rows].sort((a, b) => b.startedAt - a.startedAt || b.id - a.id);
const ids = (rows: { requestId: string }[]) => rows.map((r) => r.requestId);

describe('the history in segments', () => {
  let fx: HistoryFixture;
  let now: number;
  beforeEach(() => {
    now = T0;
    fx = openHistory({ segments: { rows: SEGMENT_ROWS, spanMs: 60_000 }, now: () => now });
  });
  afterEach(() => fx.close());

  /** Rows 0..count-1 in batches of `batch`, as the writer would write them. */
  function write(count: number, batch: number, make: (i: number) => OperationRecord = row): OperationRecord[] {
    const rows = Array.from({ length: count }, (_, i) => make(i));
    for (let i = 0; i < count; i += batch) fx.repository.insertMany(rows.slice(i, i + batch));
    return rows;
  }
  const stored = (rows: OperationRecord[]) => rows.map((r, i) => ({ id: i + 1, ...r }));

  it('rolls over to a new segment once the current one holds its rows, a batch never split', () => {
    write(26, 4);
    // Batches of 4: a segment takes batches while it holds fewer than 10 ids, so 12 each.
    expect(segmentRanges(fx.journal)).toEqual([
      [1, 1, 12],
      [2, 13, 24],
      [3, 25, 26],
    ]);
    const tables = fx.journal.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'operation_history_[0-9]*'").pluck().all();
    expect(tables).toEqual(['operation_history_1', 'operation_history_2', 'operation_history_3']);
    // Each made like the template of 0006: its four indexes, under its own name.
    const indexes = fx.journal.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'operation_history_3' ORDER BY name").pluck().all();
    expect(indexes).toEqual(['operation_history_3_by_account', 'operation_history_3_by_bucket', 'operation_history_3_by_start', 'operation_history_3_by_trace']);
    expect(fx.journal.db.prepare('SELECT count(*) FROM operation_history_2').pluck().get()).toBe(12);
    expect(rowCount(fx.journal)).toBe(26);
  });

  it('rolls over once the current segment has been open its span, but fills an empty one whatever its age', () => {
    // Segment 1 was opened by the migration, just now: ten minutes later it is past its span.
    const opened = Date.now() + 600_000;
    now = opened;
    write(3, 1);
    now += 59_999;
    fx.repository.insertMany([row(3)]);
    now += 1;
    fx.repository.insertMany([row(4)]);
    expect(segmentRanges(fx.journal)).toEqual([
      [1, 1, 1],
      [2, 2, 4],
      [3, 5, 5],
    ]);
    const openedAt = fx.journal.db.prepare('SELECT opened_at FROM operation_history_segments ORDER BY segment').pluck().all();
    expect(openedAt.slice(1)).toEqual([opened, opened + 60_000]);
  });

  it('lists newest first across segments, also where start times do not follow ids', () => {
    // Every fifth row is a slow request: it started long before the rows written beside it.
    const rows = write(47, 3, (i) => row(i, i % 5 === 0 ? { startedAt: T0 - i * 1000 } : {}));
    expect(segmentRanges(fx.journal).length).toBeGreaterThan(3);
    const everything = newestFirst(stored(rows));
    expect(fx.repository.list({}, { limit: 1000 })).toEqual(everything);
    expect(ids(fx.repository.list({}, { limit: 5 }))).toEqual(ids(everything.slice(0, 5)));
    // The oldest rows are the slow requests, written into the newest segments.
    const oldestFive = everything.slice(-5);
    expect(oldestFive.map((r) => r.id)).toEqual([26, 31, 36, 41, 46]);
    expect(fx.repository.list({ to: oldestFive[0].startedAt + 1 }, { limit: 5 })).toEqual(oldestFive);
    expect(fx.repository.list({ from: T0 }, { limit: 5 })).toEqual(everything.slice(0, 5));
  });

  it.each<[string, Parameters<HistoryRepository['list']>[0], (r: OperationRecord) => boolean]>([
    ['bucket', { bucket: 'bucket-1' }, (r) => r.bucket === 'bucket-1'],
    ['key prefix', { keyPrefix: 'logs/' }, (r) => r.key?.startsWith('logs/') === true],
    ['operation', { operation: 'PutObject' }, (r) => r.operation === 'PutObject'],
    ['account', { accessKey: 'alice' }, (r) => r.accessKey === 'alice'],
    ['status', { status: { min: 404, max: 404 } }, (r) => r.httpStatus === 404],
    ['error code', { errorCode: 'NoSuchKey' }, (r) => r.errorCode === 'NoSuchKey'],
    ['time range across segments', { from: T0 + 4000, to: T0 + 19_000 }, (r) => r.startedAt >= T0 + 4000 && r.startedAt < T0 + 19_000],
    ['trace id', { traceId: traceOf(33) }, (r) => r.requestId === 'R33'],
    ['trace id and bucket', { traceId: traceOf(33), bucket: 'bucket-0' }, (r) => r.requestId === 'R33'],
  ])('filters by %s across segments', (_name, filter, keep) => {
    const rows = write(50, 5);
    const expected = newestFirst(stored(rows).filter(keep));
    expect(expected.length).toBeGreaterThan(0);
    expect(fx.repository.list(filter, { limit: 1000 })).toEqual(expected);
  });

  it('finds a trace id used in several segments, newest first', () => {
    const rows = write(40, 5, (i) => row(i, i % 9 === 0 ? { traceId: traceOf(999) } : {}));
    const expected = newestFirst(stored(rows).filter((r) => r.traceId === traceOf(999)));
    expect(new Set(expected.map((r) => Math.ceil(r.id / SEGMENT_ROWS))).size).toBeGreaterThan(2);
    expect(fx.repository.list({ traceId: traceOf(999) }, { limit: 100 })).toEqual(expected);
  });

  it('pages a trace id shared by more rows than a page, newest first by start time', () => {
    // A client reusing one traceparent; every third row a slow request that started earlier.
    const rows = write(30, 5, (i) => row(i, { traceId: traceOf(777), ...(i % 3 === 0 ? { startedAt: T0 - i * 1000 } : {}) }));
    const expected = newestFirst(stored(rows));
    const seen: StoredOperation[] = [];
    let after: { startedAt: number; id: number } | undefined;
    for (let page = 0; page < 20; page++) {
      const batch = fx.repository.list({ traceId: traceOf(777) }, { after, limit: 4 });
      seen.push(...batch);
      if (batch.length < 4) break;
      after = { startedAt: batch[3].startedAt, id: batch[3].id };
    }
    expect(seen).toEqual(expected);
    expect(fx.repository.list({ traceId: traceOf(777) }, { limit: 12 })).toEqual(expected.slice(0, 12));
  });

  it('pages through every segment with cursors, each row once, ties at a segment boundary included', () => {
    // Rows 9 to 12 start in the same millisecond, on both sides of the boundary after id 10.
    const rows = write(33, 5, (i) => row(i, i >= 9 && i <= 12 ? { startedAt: T0 + 4500 } : {}));
    expect(segmentRanges(fx.journal)[0]).toEqual([1, 1, 10]);
    for (const limit of [1, 3, 4, 7]) {
      const seen: StoredOperation[] = [];
      let after: { startedAt: number; id: number } | undefined;
      for (let page = 0; page < 100; page++) {
        const batch = fx.repository.list({}, { after, limit });
        seen.push(...batch);
        if (batch.length < limit) break;
        const last = batch[batch.length - 1];
        after = { startedAt: last.startedAt, id: last.id };
      }
      expect(seen).toEqual(newestFirst(stored(rows)));
    }
  });

  it('pages a filtered listing across segments the same way', () => {
    const rows = write(60, 5);
    const first = fx.repository.list({ bucket: 'bucket-2' }, { limit: 6 });
    const last = first[first.length - 1];
    const rest = fx.repository.list({ bucket: 'bucket-2' }, { after: { startedAt: last.startedAt, id: last.id }, limit: 100 });
    expect([...first, ...rest]).toEqual(newestFirst(stored(rows).filter((r) => r.bucket === 'bucket-2')));
  });

  it('reads one row by id in any segment', () => {
    const rows = write(35, 5);
    for (const id of [1, 10, 11, 20, 35]) expect(fx.repository.find(id)).toEqual({ id, ...rows[id - 1] });
    expect(fx.repository.find(36)).toBeUndefined();
  });

  it('summarizes a window that spans segments as one population (percentiles of all its rows)', () => {
    const rows = write(50, 5);
    const window = { from: T0 + 3000, to: T0 + 21_000 };
    const inWindow = rows.filter((r) => r.startedAt >= window.from && r.startedAt < window.to);
    const summary = new HistorySummaryQuery(fx.journal).summarize(window);
    // The 36 rows together (their histogram), not a mix of per-segment figures.
    expectFiguresOf(summary.total, inWindow);
    expect(summary.operations.map((op) => op.count).reduce((a, b) => a + b, 0)).toBe(inWindow.length);
  });

  it('keeps listing right in one process while another drops and opens segments', async () => {
    write(30, 5);
    const other = openJournal(fx.journal.path);
    try {
      const otherRepository = new HistoryRepository(other, { segments: { rows: SEGMENT_ROWS, spanMs: 60_000 }, now: () => now });
      // Statements of this process's listing are prepared on every segment, then the other drops two.
      expect(fx.repository.list({ bucket: 'bucket-0' }, { limit: 1000 })).toHaveLength(10);
      expect(await new HistoryPruner(other, { maxAgeMs: 0, maxRows: 15 }).prune()).toEqual({ byAge: 0, byCount: 10 });
      otherRepository.insertMany(Array.from({ length: 12 }, (_, i) => row(100 + i)));
      fx.repository.insertMany([row(200)]);
      expect(segmentRanges(fx.journal)).toEqual([
        [2, 11, 20],
        [3, 21, 30],
        [4, 31, 42],
        [5, 43, 43],
      ]);
      const listed = fx.repository.list({}, { limit: 1000 });
      expect(listed.map((r) => r.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 33 }, (_, i) => 11 + i));
      expect(fx.repository.find(43)?.requestId).toBe('R200');
    } finally {
      other.close();
    }
  });
});

describe('unionAllOf', () => {
  it('stays within SQLite\'s 500 terms of a compound SELECT however many segments there are', () => {
    const fx = openHistory();
    try {
      const tables = Array.from({ length: 1234 }, () => 'operation_history_1');
      fx.repository.insertMany([sampleRecord()]);
      expect(fx.journal.db.prepare(`SELECT count(*) FROM (${unionAllOf(tables)})`).pluck().get()).toBe(1234);
    } finally {
      fx.close();
    }
  });
});
