// The test the design asks for: replaying the events rebuilds the accounts projection exactly.
// Medium: real journal file, real migrations, real projection; rows compared in full.
import { makeTempDir } from '../journal/temp-dir';
import { openIam, type IamFixture } from './iam-fixture';

describe('rebuilding the accounts projection from events', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let fx: IamFixture;
  let before: unknown[];

  function accountsTable(): unknown[] {
    return fx.journal.db.prepare('SELECT * FROM accounts ORDER BY access').all();
  }
  function eventsTable(): unknown[] {
    return fx.journal.db.prepare('SELECT * FROM events ORDER BY seq').all();
  }

  beforeEach(() => {
    tmp = makeTempDir();
    fx = openIam(tmp.path);
    const { iam } = fx;
    iam.createAccount({ access: 'alice', secret: 'a1', role: 'user' }, 'trace-a');
    iam.createAccount({ access: 'bob', secret: 'b1', role: 'userplus', userId: 1001, groupId: 100 });
    iam.createAccount({ access: 'carol', secret: 'c1', role: 'user', projectId: 3 });
    iam.updateAccount('alice', { secret: 'a2' }, 'trace-b');
    iam.updateAccount('bob', { role: 'admin', projectId: 9 });
    iam.deleteAccount('carol');
    iam.createAccount({ access: 'carol', secret: 'c2', role: 'admin' });
    iam.createAccount({ access: 'dave', secret: 'd1', role: 'user' });
    iam.deleteAccount('dave');
    iam.updateAccount('carol', { userId: 0, groupId: 0 });
    iam.createAccount({ access: 'émile/ünïcode', secret: 's€cret', role: 'user' });
    before = accountsTable();
  });
  afterEach(() => {
    fx.journal.close();
    tmp.remove();
  });

  it('has something to compare: the rows the series of events left', () => {
    expect(before).toEqual([
      expect.objectContaining({ access: 'alice', secret: 'a2', role: 'user', created_seq: 1, updated_seq: 4 }),
      expect.objectContaining({ access: 'bob', secret: 'b1', role: 'admin', user_id: 1001, group_id: 100, project_id: 9 }),
      expect.objectContaining({ access: 'carol', secret: 'c2', role: 'admin', user_id: 0, group_id: 0, project_id: null, created_seq: 7 }),
      expect.objectContaining({ access: 'émile/ünïcode' }),
    ]);
  });

  it('yields exactly the same rows as were built live', () => {
    const events = eventsTable();

    expect(fx.events.rebuildProjections()).toEqual({ events: 11, projections: ['accounts'] });

    expect(accountsTable()).toEqual(before);
    expect(eventsTable()).toEqual(events);
  });

  it('restores the rows after the projection table was corrupted, and the store sees them', () => {
    fx.journal.db.exec(`
      UPDATE accounts SET secret = 'tampered', role = 'admin' WHERE access = 'alice';
      DELETE FROM accounts WHERE access = 'bob';
      INSERT INTO accounts VALUES ('ghost', 'boo', 'admin', NULL, NULL, NULL, 99, 'then', 99, 'then');`);
    fx.iam.reload();
    expect(fx.iam.getAccount('ghost')).toBeDefined();

    fx.events.rebuildProjections();

    expect(accountsTable()).toEqual(before);
    expect(fx.iam.getAccount('ghost')).toBeUndefined();
    expect(fx.iam.getAccount('alice')).toEqual({ access: 'alice', secret: 'a2', role: 'user' });
    expect(fx.iam.listAccounts().map((a) => a.access)).toEqual(['alice', 'bob', 'carol', 'émile/ünïcode']);
  });

  it('restores an emptied projection table', () => {
    fx.journal.db.exec('DELETE FROM accounts');

    fx.events.rebuildProjections();

    expect(accountsTable()).toEqual(before);
  });

  it('yields the same rows in a new process on the same file', () => {
    fx.journal.close();
    fx = openIam(tmp.path);

    fx.events.rebuildProjections();

    expect(accountsTable()).toEqual(before);
  });
});
