// Medium: a real journal file. Lookups by trace id go through the generation index of migration
// 0005 ((id >> 12), trace_id), which every segment has: they must stay exact and find rows of every generation.
import { HistorySegments } from '../../../src/journal/history/history-segments';
import { listingSql, type ListParams } from '../../../src/journal/history/operation-listing';
import { sampleRecord } from '../../unit/admin/sample-record';
import { openHistory, type HistoryFixture } from './history-fixture';

const GENERATION_ROWS = 4096;
const traceOf = (i: number) => i.toString(16).padStart(32, '0');

describe('lookups by trace id', () => {
  let fx: HistoryFixture;
  beforeEach(() => {
    fx = openHistory();
  });
  afterEach(() => fx.close());

  const requestIds = (traceId: string, extra: Omit<ListParams, 'limit' | 'traceId'> = {}) =>
    fx.repository.list({ ...extra, traceId }, { limit: 100 }).map((row) => row.requestId);

  it('match the whole id, not a prefix of it', () => {
    const shared = 'ca4a01a0e4ad9fea9f91aeadfa7ea34';
    fx.repository.insertMany([
      sampleRecord({ requestId: 'A', traceId: `${shared}2` }),
      sampleRecord({ requestId: 'B', traceId: `${shared}3` }),
      sampleRecord({ requestId: 'C', traceId: `${shared}2`.replace(/^c/, 'd') }),
    ]);
    expect(requestIds(`${shared}2`)).toEqual(['A']);
    expect(requestIds(`${shared}3`)).toEqual(['B']);
    expect(requestIds(`${shared}4`)).toEqual([]);
  });

  it('find the rows of every generation, newest first, together with other filters', () => {
    const rows = Array.from({ length: 2 * GENERATION_ROWS + 100 }, (_, i) =>
      sampleRecord({ requestId: `R${i}`, traceId: traceOf(i % 100 === 0 ? 1 : 100_000 + i), bucket: i % 2 === 0 ? 'even' : 'odd', startedAt: 1_750_000_000_000 + i }),
    );
    fx.repository.insertMany(rows);
    const first = rows[1];
    expect(first.traceId).not.toBe(traceOf(1));
    const last = rows[rows.length - 1];
    expect(requestIds(first.traceId)).toEqual([first.requestId]);
    expect(requestIds(last.traceId)).toEqual([last.requestId]);
    // One trace id in rows of all three generations (a client reusing its traceparent).
    const shared = rows.filter((_, i) => i % 100 === 0).map((row) => row.requestId);
    expect(requestIds(traceOf(1))).toEqual([...shared].reverse());
    expect(requestIds(traceOf(1), { bucket: 'odd' })).toEqual([]);
    expect(requestIds(traceOf(1), { bucket: 'even' })).toEqual([...shared].reverse());
  });

  it('still find rows once the oldest generations are pruned', () => {
    fx.repository.insertMany(Array.from({ length: 3 * GENERATION_ROWS }, (_, i) => sampleRecord({ requestId: `R${i}`, traceId: traceOf(i + 1) })));
    fx.journal.db.prepare('DELETE FROM operation_history_1 WHERE id <= ?').run(2 * GENERATION_ROWS + 5);
    expect(requestIds(traceOf(2 * GENERATION_ROWS + 3))).toEqual([]);
    expect(requestIds(traceOf(2 * GENERATION_ROWS + 6))).toEqual([`R${2 * GENERATION_ROWS + 5}`]);
    expect(requestIds(traceOf(3 * GENERATION_ROWS))).toEqual([`R${3 * GENERATION_ROWS - 1}`]);
  });

  it('find nothing in an empty history', () => {
    expect(requestIds(traceOf(1))).toEqual([]);
  });
});

describe('the listing statements', () => {
  let fx: HistoryFixture;
  beforeAll(() => {
    fx = openHistory();
    // Segment 1 is the table migrations 0003 and 0005 made (renamed by 0006); 2 is one the gateway opens.
    fx.repository.insertMany([sampleRecord()]);
    fx.journal.transaction(() => new HistorySegments(fx.journal.db).open(Date.now()));
  });
  afterAll(() => fx.close());

  /** The plan's line for the segment table itself (subqueries of the generation list aside). */
  function accessPath(table: string, params: ListParams): string {
    const plan = fx.journal.db.prepare(`EXPLAIN QUERY PLAN ${listingSql(table, params)}`).all({ ...params, generationFrom: 0, generationTo: 1 }) as Array<{
      id: number;
      parent: number;
      detail: string;
    }>;
    const topLevel = plan.filter((step) => step.parent === 0 && /operation_history/.test(step.detail));
    expect(topLevel).toHaveLength(1);
    return topLevel[0].detail;
  }

  describe.each([
    ['operation_history_1', 'operation_history'],
    ['operation_history_2', 'operation_history_2'],
  ])('of segment table %s', (table, indexes) => {
    it.each<[string, Omit<ListParams, 'limit'>, string]>([
      ['nothing (newest first)', {}, `SCAN ${table} USING INDEX ${indexes}_by_start`],
      ['bucket', { bucket: 'b' }, `SEARCH ${table} USING INDEX ${indexes}_by_bucket (bucket=?)`],
      ['account', { accessKey: 'a' }, `SEARCH ${table} USING INDEX ${indexes}_by_account (access_key=?)`],
      ['time range', { from: 1, to: 2 }, `SEARCH ${table} USING INDEX ${indexes}_by_start (started_at>? AND started_at<?)`],
      ['trace id', { traceId: traceOf(1) }, `SEARCH ${table} USING INDEX ${indexes}_by_trace (<expr>=? AND trace_id=?)`],
      ['trace id and bucket', { traceId: traceOf(1), bucket: 'b' }, `SEARCH ${table} USING INDEX ${indexes}_by_trace (<expr>=? AND trace_id=?)`],
      ['trace id and account', { traceId: traceOf(1), accessKey: 'a' }, `SEARCH ${table} USING INDEX ${indexes}_by_trace (<expr>=? AND trace_id=?)`],
      ['trace id and a time range', { traceId: traceOf(1), from: 1, to: 2 }, `SEARCH ${table} USING INDEX ${indexes}_by_trace (<expr>=? AND trace_id=?)`],
      ['operation, status and a cursor', { operation: 'GetObject', statusMin: 200, statusMax: 299, afterStartedAt: 5, afterId: 9 }, `${indexes}_by_start`],
    ])('filtered by %s go through an index', (_name, filter, path) => {
      expect(accessPath(table, { ...filter, limit: 10 })).toContain(path);
    });
  });
});
