import type { HistoryRepository } from '../../../src/journal/history/history.repository';
import { HistoryWriter } from '../../../src/journal/history/history-writer';
import type { OperationRecord } from '../../../src/journal/history/operation-record';
import { sampleRecord } from './sample-record';

/** Stands in for the SQLite repository: each insertMany call is one transaction. */
class FakeRepository {
  readonly batches: OperationRecord[][] = [];
  failing = false;
  insertMany(rows: readonly OperationRecord[]): void {
    if (this.failing) throw new Error('database is locked');
    this.batches.push([...rows]);
  }
  get rows(): OperationRecord[] {
    return this.batches.flat();
  }
}

function writerOver(repository: FakeRepository, options: ConstructorParameters<typeof HistoryWriter>[1] = {}) {
  const warnings: string[] = [];
  let clock = 0;
  const writer = new HistoryWriter(repository as unknown as HistoryRepository, {
    log: { warn: (message) => warnings.push(message) },
    now: () => clock,
    ...options,
  });
  return { writer, warnings, advance: (ms: number) => (clock += ms) };
}

const records = (count: number, from = 0) => Array.from({ length: count }, (_, i) => sampleRecord({ requestId: `R${from + i}` }));

describe('HistoryWriter', () => {
  let repository: FakeRepository;
  beforeEach(() => {
    jest.useFakeTimers();
    repository = new FakeRepository();
  });
  afterEach(() => jest.useRealTimers());

  it('writes nothing on enqueue: the request path only queues', () => {
    const { writer } = writerOver(repository);
    for (const record of records(10)) writer.enqueue(record);
    expect(repository.batches).toEqual([]);
    expect(writer.stats()).toEqual({ written: 0, dropped: 0, queued: 10, failedFlushes: 0 });
    writer.close();
  });

  it('writes the queue as one batch within the flush interval', () => {
    const { writer } = writerOver(repository, { flushIntervalMs: 100 });
    for (const record of records(5)) writer.enqueue(record);
    jest.advanceTimersByTime(99);
    expect(repository.batches).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(repository.batches.map((b) => b.length)).toEqual([5]);
    expect(repository.rows.map((r) => r.requestId)).toEqual(['R0', 'R1', 'R2', 'R3', 'R4']);
    writer.close();
  });

  it('writes a full batch at the next turn of the event loop, one transaction per maxBatch rows', () => {
    const { writer } = writerOver(repository, { flushIntervalMs: 10_000, maxBatch: 4 });
    for (const record of records(10)) writer.enqueue(record);
    jest.runOnlyPendingTimers(); // the setImmediate scheduled when the queue reached 4
    jest.runOnlyPendingTimers();
    jest.runOnlyPendingTimers();
    expect(repository.batches.map((b) => b.length)).toEqual([4, 4, 2]);
    writer.close();
  });

  it('drops and counts rows beyond maxQueued, and says so once per interval', () => {
    const { writer, warnings, advance } = writerOver(repository, { flushIntervalMs: 10_000, maxBatch: 1000, maxQueued: 3, dropLogIntervalMs: 1000 });
    repository.failing = true;
    for (const record of records(6)) writer.enqueue(record);
    expect(writer.stats()).toMatchObject({ queued: 3, dropped: 3 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/dropped 1 row\(s\) \(1 in all\)/);
    advance(1000);
    writer.enqueue(sampleRecord());
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/dropped 3 row\(s\) \(4 in all\)/);
    repository.failing = false;
    writer.close();
  });

  it('keeps the rows of a failed batch and writes them on the next try, in order', () => {
    const { writer, warnings } = writerOver(repository, { flushIntervalMs: 100 });
    repository.failing = true;
    for (const record of records(3)) writer.enqueue(record);
    jest.advanceTimersByTime(100);
    expect(writer.stats()).toMatchObject({ queued: 3, written: 0, failedFlushes: 1 });
    expect(warnings[0]).toMatch(/writing 3 row\(s\) failed, will retry: database is locked/);
    repository.failing = false;
    for (const record of records(2, 3)) writer.enqueue(record);
    jest.advanceTimersByTime(100);
    expect(repository.rows.map((r) => r.requestId)).toEqual(['R0', 'R1', 'R2', 'R3', 'R4']);
    expect(writer.stats()).toMatchObject({ queued: 0, written: 5 });
    writer.close();
  });

  it('writes everything on close, and counts what arrives afterwards as dropped', () => {
    const { writer } = writerOver(repository, { flushIntervalMs: 10_000, maxBatch: 2 });
    for (const record of records(5)) writer.enqueue(record);
    writer.close();
    expect(repository.rows).toHaveLength(5);
    writer.enqueue(sampleRecord());
    expect(writer.stats()).toMatchObject({ written: 5, dropped: 1, queued: 0 });
    jest.advanceTimersByTime(20_000);
    expect(repository.rows).toHaveLength(5);
  });

  it('reports the rows it could not write at close', () => {
    const { writer, warnings } = writerOver(repository);
    repository.failing = true;
    for (const record of records(2)) writer.enqueue(record);
    writer.close();
    expect(writer.stats()).toMatchObject({ dropped: 2, queued: 0 });
    expect(warnings.some((w) => /2 row\(s\) could not be written at shutdown/.test(w))).toBe(true);
  });
});
