// Medium: two connections to one real journal file, as two --workers have, each with its own
// SqliteIamStore and its map of accounts; nothing is faked. What one writes, the other must
// answer with at its very next call.
import type { Account } from '../../../src/iam/account';
import { AccountChanges } from '../../../src/iam/account-changes';
import type { Projection } from '../../../src/journal/projection';
import { makeTempDir } from '../journal/temp-dir';
import { openIam, ROOT, type IamFixture } from './iam-fixture';

const alice: Account = { access: 'alice', secret: 'alice-secret', role: 'user' };
const bob: Account = { access: 'bob', secret: 'bob-secret', role: 'userplus', userId: 1001 };

/** Takes the other streams' events (multipart, bucket owners) the way their projections would: by ignoring them here. */
const otherStreams: Projection = { name: 'other-streams', apply: () => undefined, reset: () => undefined };

describe('accounts shared by the workers of one journal', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let first: IamFixture;
  let second: IamFixture;
  beforeEach(() => {
    tmp = makeTempDir();
    first = openIam(tmp.path, [otherStreams], ROOT, { shared: true });
    second = openIam(tmp.path, [otherStreams], ROOT, { shared: true });
  });
  afterEach(() => {
    first.journal.close();
    second.journal.close();
    tmp.remove();
  });

  it('answers with an account created, updated or deleted by the other worker at the next lookup', () => {
    expect(second.iam.getAccount('alice')).toBeUndefined();

    first.iam.createAccount(alice);
    expect(second.iam.getAccount('alice')).toEqual(alice);

    first.iam.updateAccount('alice', { secret: 'rotated', role: 'admin' });
    expect(second.iam.getAccount('alice')).toEqual({ ...alice, secret: 'rotated', role: 'admin' });

    first.iam.deleteAccount('alice');
    expect(second.iam.getAccount('alice')).toBeUndefined();
  });

  it('lists, updates and deletes what the other worker created, and refuses what it already took', () => {
    first.iam.createAccount(alice);
    first.iam.createAccount(bob);
    expect(second.iam.listAccounts()).toEqual([alice, bob]);

    second.iam.updateAccount('bob', { groupId: 200 });
    expect(first.iam.getAccount('bob')).toEqual({ ...bob, groupId: 200 });
    second.iam.deleteAccount('alice');
    expect(first.iam.listAccounts()).toEqual([{ ...bob, groupId: 200 }]);

    expect(() => second.iam.createAccount(bob)).toThrow(expect.objectContaining({ code: 'AccountExists' }));
    expect(() => first.iam.updateAccount('alice', { secret: 'x' })).toThrow(expect.objectContaining({ code: 'NoSuchAccount' }));
  });

  it('reloads every account when the other worker rebuilt the projections', () => {
    first.iam.createAccount(alice);
    expect(second.iam.getAccount('alice')).toEqual(alice);
    // A table that drifted from the events, as a rebuild exists to repair; the second worker has
    // the drifted row in memory.
    first.journal.db.prepare("UPDATE accounts SET secret = 'drifted' WHERE access = 'alice'").run();
    second.iam.reload();
    expect(second.iam.getAccount('alice')?.secret).toBe('drifted');

    first.events.rebuildProjections();
    expect(second.iam.getAccount('alice')).toEqual(alice);
  });

  describe('what a lookup costs', () => {
    let polls: { events: number };
    let changes: AccountChanges;
    beforeEach(() => {
      changes = new AccountChanges(second.journal, second.events);
      polls = { events: 0 };
      const read = second.events.streamsChangedSince.bind(second.events);
      jest.spyOn(second.events, 'streamsChangedSince').mockImplementation((after, prefix) => {
        polls.events++;
        return read(after, prefix);
      });
    });

    it('reads no event while no other connection committed, its own commits included', () => {
      second.iam.createAccount(alice);
      expect(changes.poll()).toEqual([]);
      expect(changes.poll()).toEqual([]);
      expect(polls.events).toBe(0);
    });

    it('reads the new events once after another commit, and names only the accounts among them', () => {
      first.events.append({ streamId: 'upload:b/k/1', type: 'UploadCreated', data: {} });
      expect(changes.poll()).toEqual([]);
      expect(polls.events).toBe(1);

      first.iam.createAccount(alice);
      first.iam.createAccount(bob);
      first.events.append({ streamId: 'upload:b/k/2', type: 'UploadCreated', data: {} });
      first.iam.updateAccount('alice', { secret: 'again' });
      expect([...changes.poll()].sort()).toEqual(['alice', 'bob']);
      expect(changes.poll()).toEqual([]);
      expect(polls.events).toBe(2);
    });
  });
});
