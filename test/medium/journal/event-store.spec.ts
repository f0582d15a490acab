// Medium: a real journal file with the real migrations; the projections here are test doubles
// over a table the test creates, so the store is exercised apart from any real projection.
import { join } from 'node:path';
import type { StoredEvent } from '../../../src/journal/event';
import { EventStore } from '../../../src/journal/event-store';
import type { JournalDatabase } from '../../../src/journal/journal-database';
import { openJournal } from '../../../src/journal/open-journal';
import type { Projection } from '../../../src/journal/projection';
import { ProjectionRegistry } from '../../../src/journal/projection-registry';
import { makeTempDir } from './temp-dir';

/** Counts events per stream in a table of its own, the simplest projection that writes. */
class CountingProjection implements Projection {
  readonly name = 'counts';
  readonly seen: number[] = [];
  constructor(private readonly journal: JournalDatabase) {
    journal.db.exec('CREATE TABLE IF NOT EXISTS test_counts (stream_id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  }
  apply(event: StoredEvent): void {
    this.seen.push(event.seq);
    this.journal.db
      .prepare('INSERT INTO test_counts VALUES (?, 1) ON CONFLICT (stream_id) DO UPDATE SET n = n + 1')
      .run(event.streamId);
  }
  reset(): void {
    this.seen.length = 0;
    this.journal.db.prepare('DELETE FROM test_counts').run();
  }
  rows(): unknown[] {
    return this.journal.db.prepare('SELECT * FROM test_counts ORDER BY stream_id').all();
  }
}

/** Refuses events of type 'Boom', as a projection refuses an event that contradicts its state. */
class RefusingProjection implements Projection {
  readonly name = 'refusing';
  refuse = true;
  apply(event: StoredEvent): void {
    if (this.refuse && event.type === 'Boom') throw new Error('projection refused Boom');
  }
  reset(): void {}
}

describe('EventStore', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let journal: JournalDatabase;
  let counts: CountingProjection;
  let refusing: RefusingProjection;
  let store: EventStore;
  let clock: number;

  beforeEach(() => {
    tmp = makeTempDir();
    journal = openJournal(join(tmp.path, 'journal.db'));
    counts = new CountingProjection(journal);
    refusing = new RefusingProjection();
    clock = Date.parse('2025-03-04T05:06:07.000Z');
    store = new EventStore(journal, new ProjectionRegistry().register(counts).register(refusing), () => new Date(clock++));
  });
  afterEach(() => {
    journal.close();
    tmp.remove();
  });

  it('appends events with increasing seq, the store time and the trace id, and reads a stream back in order', () => {
    const first = store.append({ streamId: 's:1', type: 'Made', data: { n: 1, when: new Date(0) }, traceId: 'a'.repeat(32) });
    store.append({ streamId: 's:2', type: 'Made', data: {} });
    const third = store.append({ streamId: 's:1', type: 'Changed', data: { n: 2, dropped: undefined } });

    // Data is what reads back from JSON: a Date becomes its string, undefined fields vanish.
    expect(first).toEqual({
      seq: 1,
      streamId: 's:1',
      type: 'Made',
      data: { n: 1, when: '1970-01-01T00:00:00.000Z' },
      time: '2025-03-04T05:06:07.000Z',
      traceId: 'a'.repeat(32),
    });
    expect(third).toEqual({ seq: 3, streamId: 's:1', type: 'Changed', data: { n: 2 }, time: '2025-03-04T05:06:07.002Z' });
    expect(store.readStream('s:1')).toEqual([first, third]);
    expect(store.lastSeq()).toBe(3);
    expect(counts.rows()).toEqual([
      { stream_id: 's:1', n: 2 },
      { stream_id: 's:2', n: 1 },
    ]);
  });

  it('refuses an event without stream id or type, or whose data is not an object', () => {
    expect(() => store.append({ streamId: '', type: 'T', data: {} })).toThrow(/stream id/);
    expect(() => store.append({ streamId: 's', type: '', data: {} })).toThrow(/type/);
    expect(() => store.append({ streamId: 's', type: 'T', data: [1] })).toThrow(/JSON object/);
    expect(store.lastSeq()).toBe(0);
  });

  describe('the events table', () => {
    beforeEach(() => {
      store.append({ streamId: 's:1', type: 'Made', data: { n: 1 } });
    });

    it('rejects UPDATE', () => {
      expect(() => journal.db.prepare("UPDATE events SET type = 'Forged' WHERE seq = 1").run()).toThrow(
        'events are append-only: UPDATE is not allowed',
      );
      expect(store.readStream('s:1')[0].type).toBe('Made');
    });

    it('rejects DELETE', () => {
      expect(() => journal.db.prepare('DELETE FROM events').run()).toThrow('events are append-only: DELETE is not allowed');
      expect(store.lastSeq()).toBe(1);
    });

    it('rejects data that is not a JSON object', () => {
      const insert = journal.db.prepare("INSERT INTO events (stream_id, type, data, time) VALUES ('s', 'T', ?, 'now')");
      expect(() => insert.run('not json')).toThrow(/CHECK constraint failed/);
      expect(() => insert.run('[1,2]')).toThrow(/CHECK constraint failed/);
    });
  });

  it('stores no event, and keeps no projection write, when a projection throws', () => {
    store.append({ streamId: 's:1', type: 'Made', data: {} });
    const before = counts.rows();

    expect(() => store.append({ streamId: 's:1', type: 'Boom', data: {} })).toThrow('projection refused Boom');

    expect(store.lastSeq()).toBe(1);
    expect(store.readStream('s:1').map((e) => e.type)).toEqual(['Made']);
    // The counting projection ran before the refusing one; its write was rolled back with the event.
    expect(counts.rows()).toEqual(before);
  });

  it('rebuilds projections by replaying every event in order, across replay pages', () => {
    for (let i = 0; i < 2500; i++) store.append({ streamId: `s:${i % 7}`, type: 'Made', data: { i } });
    const before = counts.rows();
    journal.db.exec("DELETE FROM test_counts; INSERT INTO test_counts VALUES ('s:bogus', 99)");
    counts.seen.length = 0;

    expect(store.rebuildProjections()).toEqual({ events: 2500, projections: ['counts', 'refusing'] });

    expect(counts.rows()).toEqual(before);
    expect(counts.seen).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
  });

  it('leaves the projections as they were when a replay fails, and says which event failed', () => {
    store.append({ streamId: 's:1', type: 'Made', data: {} });
    refusing.refuse = false;
    store.append({ streamId: 's:1', type: 'Boom', data: {} });
    refusing.refuse = true;
    const before = counts.rows();
    const rebuilt = jest.fn();
    store.onRebuilt(rebuilt);

    expect(() => store.rebuildProjections()).toThrow('replaying event 2 (Boom on s:1) failed: projection refused Boom');

    expect(counts.rows()).toEqual(before);
    expect(rebuilt).not.toHaveBeenCalled();
  });

  it('tells listeners after a rebuild commits, until they unsubscribe', () => {
    const rebuilt = jest.fn(() => expect(journal.db.inTransaction).toBe(false));
    const unsubscribe = store.onRebuilt(rebuilt);
    store.rebuildProjections();
    unsubscribe();
    store.rebuildProjections();

    expect(rebuilt).toHaveBeenCalledTimes(1);
  });

  it('refuses two projections with the same name', () => {
    const registry = new ProjectionRegistry().register(refusing);
    expect(() => registry.register(new RefusingProjection())).toThrow('projection refusing is already registered');
  });

  it('keeps events across a re-open', () => {
    store.append({ streamId: 's:1', type: 'Made', data: { n: 1 }, traceId: 't1' });
    journal.close();
    journal = openJournal(join(tmp.path, 'journal.db'));
    const reopened = new EventStore(journal, new ProjectionRegistry());

    expect(reopened.readStream('s:1')).toEqual([
      { seq: 1, streamId: 's:1', type: 'Made', data: { n: 1 }, time: '2025-03-04T05:06:07.000Z', traceId: 't1' },
    ]);
  });
});
