import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { HISTORY_BUSY_TIMEOUT_MS } from '../../../src/journal/history/short-busy-timeout';
import { HistoryWriter } from '../../../src/journal/history/history-writer';
import { sampleRecord } from '../../unit/admin/sample-record';
import { openHistory, rowCount, type HistoryFixture } from './history-fixture';

describe('HistoryWriter over SQLite', () => {
  let fx: HistoryFixture;
  beforeEach(() => {
    fx = openHistory();
  });
  afterEach(() => fx.close());

  it('writes batches another connection sees, within the flush interval', async () => {
    const writer = new HistoryWriter(fx.repository, { flushIntervalMs: 20 });
    for (let i = 0; i < 25; i++) writer.enqueue(sampleRecord({ requestId: `R${i}` }));
    const reader = new Database(fx.journal.path, { readonly: true });
    try {
      const count = () => (reader.prepare('SELECT count(*) AS n FROM operation_history').get() as { n: number }).n;
      expect(count()).toBe(0);
      for (let i = 0; i < 100 && count() < 25; i++) await new Promise((r) => setTimeout(r, 10));
      expect(count()).toBe(25);
    } finally {
      reader.close();
      writer.close();
    }
  });

  // With the journal's own 5 s busy timeout, each flush (on the event loop, in the gateway) would
  // stall every request for 5 s; a history batch waits HISTORY_BUSY_TIMEOUT_MS at most.
  it('gives up quickly while another process holds the write lock, keeps the rows, and writes them once it lets go', () => {
    const patient = openHistory({ busyTimeoutMs: 5000 });
    const writer = new HistoryWriter(patient.repository, { flushIntervalMs: 60_000, log: { warn: () => undefined } });
    const other = new Database(patient.journal.path);
    const pragmas = jest.spyOn(patient.journal.db, 'pragma');
    try {
      other.exec('BEGIN IMMEDIATE');
      for (let i = 0; i < 3; i++) writer.enqueue(sampleRecord({ requestId: `R${i}` }));
      expect(writer.flush()).toBe(false);
      expect(writer.flush()).toBe(false);
      expect(writer.stats()).toMatchObject({ queued: 3, failedFlushes: 2 });
      const set = pragmas.mock.calls.map(([source]) => source).filter((source) => source.startsWith('busy_timeout ='));
      expect(set).toEqual([`busy_timeout = ${HISTORY_BUSY_TIMEOUT_MS}`, 'busy_timeout = 5000', `busy_timeout = ${HISTORY_BUSY_TIMEOUT_MS}`, 'busy_timeout = 5000']);
      // The journal's other writers keep their usual patience.
      expect(patient.journal.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      other.exec('COMMIT');
      expect(writer.flush()).toBe(true);
      expect(rowCount(patient.journal)).toBe(3);
    } finally {
      pragmas.mockRestore();
      other.close();
      writer.close();
      patient.close();
    }
  });

  // --workers N: every worker drains at once and writes its last batch while the others write
  // theirs. A shutdown that gave up after the short timeout would lose the last requests' rows.
  it('waits out another process holding the write lock at close, and loses no row', async () => {
    const writer = new HistoryWriter(fx.repository, { flushIntervalMs: 60_000, log: { warn: () => undefined } });
    for (let i = 0; i < 5; i++) writer.enqueue(sampleRecord({ requestId: `R${i}` }));
    const holdMs = 10 * HISTORY_BUSY_TIMEOUT_MS;
    const holder = spawn(process.execPath, [
      '-e',
      `const db = new (require('better-sqlite3'))(process.argv[1]);
       db.exec('BEGIN IMMEDIATE');
       process.stdout.write('locked\\n');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`,
      fx.journal.path,
    ], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await once(holder.stdout, 'data');
      const started = Date.now();
      writer.close();
      expect(Date.now() - started).toBeGreaterThanOrEqual(holdMs / 2);
      expect(writer.stats()).toMatchObject({ written: 5, dropped: 0, queued: 0 });
      expect(rowCount(fx.journal)).toBe(5);
    } finally {
      if (holder.exitCode === null) await once(holder, 'exit');
    }
  });
});
