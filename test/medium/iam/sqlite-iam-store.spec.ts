// Medium: the real journal file, migrations, event store and accounts projection under
// SqliteIamStore; nothing is faked.
import type { Account } from '../../../src/iam/account';
import { IamError } from '../../../src/iam/iam.port';
import type { StoredEvent } from '../../../src/journal/event';
import { makeTempDir } from '../journal/temp-dir';
import { openIam, ROOT, type IamFixture } from './iam-fixture';

const alice: Account = { access: 'alice', secret: 'alice-secret', role: 'user' };
const bob: Account = { access: 'bob', secret: 'bob-secret', role: 'userplus', userId: 1001, groupId: 100, projectId: 7 };

function iamError(code: IamError['code'], message?: RegExp): unknown {
  return expect.objectContaining({ name: 'IamError', code, ...(message ? { message: expect.stringMatching(message) } : {}) });
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('SqliteIamStore', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let fx: IamFixture;
  beforeEach(() => {
    tmp = makeTempDir();
    fx = openIam(tmp.path);
  });
  afterEach(() => {
    fx.journal.close();
    tmp.remove();
  });

  it('creates, reads, lists, updates and deletes accounts', () => {
    fx.iam.createAccount(bob);
    fx.iam.createAccount(alice);
    expect(fx.iam.getAccount('alice')).toEqual(alice);
    expect(fx.iam.getAccount('bob')).toEqual(bob);
    expect(fx.iam.listAccounts()).toEqual([alice, bob]);

    fx.iam.updateAccount('alice', { secret: 'new-secret', role: 'admin', userId: 0 });
    expect(fx.iam.getAccount('alice')).toEqual({ access: 'alice', secret: 'new-secret', role: 'admin', userId: 0 });
    fx.iam.updateAccount('bob', { groupId: 200 });
    expect(fx.iam.getAccount('bob')).toEqual({ ...bob, groupId: 200 });

    fx.iam.deleteAccount('alice');
    expect(fx.iam.getAccount('alice')).toBeUndefined();
    expect(fx.iam.listAccounts()).toEqual([{ ...bob, groupId: 200 }]);
  });

  it('answers getAccount from memory, without touching the database', () => {
    fx.iam.createAccount(alice);
    fx.journal.close();

    expect(fx.iam.getAccount('alice')).toEqual(alice);
    expect(fx.iam.getAccount(ROOT.access)).toEqual({ ...ROOT, role: 'admin' });
    expect(fx.iam.getAccount('nobody')).toBeUndefined();
  });

  it('hands out frozen accounts, so a caller cannot change the cache', () => {
    fx.iam.createAccount(alice);
    const account = fx.iam.getAccount('alice') as Account;
    expect(() => {
      account.role = 'admin';
    }).toThrow(TypeError);
    expect(Object.isFrozen(fx.iam.getAccount(ROOT.access))).toBe(true);
  });

  it('records each write as an event on the account stream, with its trace id', () => {
    fx.iam.createAccount(alice, 'trace-1');
    fx.iam.updateAccount('alice', { role: 'userplus' }, 'trace-2');
    fx.iam.deleteAccount('alice');

    expect(fx.events.readStream('account:alice').map(({ type, data, traceId }) => ({ type, data, traceId }))).toEqual([
      { type: 'AccountCreated', data: { access: 'alice', secret: 'alice-secret', role: 'user' }, traceId: 'trace-1' },
      { type: 'AccountUpdated', data: { access: 'alice', role: 'userplus' }, traceId: 'trace-2' },
      { type: 'AccountDeleted', data: { access: 'alice' }, traceId: undefined },
    ]);
  });

  it('stores only the known fields of an account', () => {
    fx.iam.createAccount({ ...alice, isAdmin: true, note: 'from the request body' } as Account);

    expect(fx.events.readStream('account:alice')[0].data).toEqual({ access: 'alice', secret: 'alice-secret', role: 'user' });
    expect(fx.iam.getAccount('alice')).toEqual(alice);
  });

  it('appends no event for an update that changes nothing', () => {
    fx.iam.createAccount(alice);
    fx.iam.updateAccount('alice', {});
    fx.iam.updateAccount('alice', { secret: undefined });

    expect(fx.events.readStream('account:alice')).toHaveLength(1);
  });

  it('refuses a taken access key, and changes to an absent account', () => {
    fx.iam.createAccount(alice);
    expect(thrown(() => fx.iam.createAccount({ ...alice, secret: 'other' }))).toEqual(iamError('AccountExists'));
    expect(thrown(() => fx.iam.updateAccount('carol', { role: 'admin' }))).toEqual(iamError('NoSuchAccount'));
    expect(thrown(() => fx.iam.deleteAccount('carol'))).toEqual(iamError('NoSuchAccount'));
    expect(fx.events.lastSeq()).toBe(1);
  });

  describe('validation', () => {
    it.each<[string, Account]>([
      ['an empty access key', { ...alice, access: '' }],
      ['an access key with a space', { ...alice, access: 'al ice' }],
      ['an access key with a tab', { ...alice, access: 'al\tice' }],
      ['an access key with a control character', { ...alice, access: 'al\u0000ice' }],
      ['an access key with a non-breaking space', { ...alice, access: 'al\u00a0ice' }],
      ['an access key of 129 characters', { ...alice, access: 'a'.repeat(129) }],
      ['an access key that is not a string', { ...alice, access: 42 as unknown as string }],
      ['an empty secret', { ...alice, secret: '' }],
      ['a missing secret', { access: 'alice', role: 'user' } as Account],
      ['an unknown role', { ...alice, role: 'root' as Account['role'] }],
      ['a negative user id', { ...alice, userId: -1 }],
      ['a fractional group id', { ...alice, groupId: 1.5 }],
      ['a project id that is not a number', { ...alice, projectId: '7' as unknown as number }],
    ])('refuses %s with InvalidAccount and stores nothing', (_, account) => {
      expect(thrown(() => fx.iam.createAccount(account))).toEqual(iamError('InvalidAccount'));
      expect(fx.events.lastSeq()).toBe(0);
    });

    it('accepts an access key of 128 characters', () => {
      fx.iam.createAccount({ ...alice, access: 'a'.repeat(128) });
      expect(fx.iam.getAccount('a'.repeat(128))).toBeDefined();
    });

    it('validates updates the same way', () => {
      fx.iam.createAccount(alice);
      expect(thrown(() => fx.iam.updateAccount('alice', { secret: '' }))).toEqual(iamError('InvalidAccount'));
      expect(thrown(() => fx.iam.updateAccount('alice', { role: 'superuser' as Account['role'] }))).toEqual(iamError('InvalidAccount'));
      expect(thrown(() => fx.iam.updateAccount('alice', { userId: -5 }))).toEqual(iamError('InvalidAccount'));
      expect(fx.iam.getAccount('alice')).toEqual(alice);
    });
  });

  describe('the root account', () => {
    it('always exists as admin, is not stored and is not listed', () => {
      expect(fx.iam.isRoot(ROOT.access)).toBe(true);
      expect(fx.iam.isRoot('alice')).toBe(false);
      expect(fx.iam.getAccount(ROOT.access)).toEqual({ access: ROOT.access, secret: ROOT.secret, role: 'admin' });
      expect(fx.iam.listAccounts()).toEqual([]);
      expect(fx.journal.db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
    });

    it('cannot be created, updated or deleted through the store', () => {
      expect(thrown(() => fx.iam.createAccount({ access: ROOT.access, secret: 'x', role: 'admin' }))).toEqual(iamError('AccountExists'));
      expect(thrown(() => fx.iam.updateAccount(ROOT.access, { secret: 'x' }))).toEqual(iamError('InvalidAccount', /root account/));
      expect(thrown(() => fx.iam.deleteAccount(ROOT.access))).toEqual(iamError('InvalidAccount', /root account/));
      expect(fx.events.lastSeq()).toBe(0);
    });

    it('must have valid credentials', () => {
      expect(thrown(() => openIam(tmp.path, [], { access: 'has space', secret: 's' }))).toEqual(iamError('InvalidAccount', /^root account: /));
      expect(thrown(() => openIam(tmp.path, [], { access: 'root', secret: '' }))).toEqual(iamError('InvalidAccount', /^root account: /));
    });

    it('refuses to start when its access key is also a stored account', () => {
      fx.iam.createAccount(alice);
      fx.journal.close();

      expect(thrown(() => openIam(tmp.path, [], { access: 'alice', secret: 'root' }))).toEqual(iamError('AccountExists', /ROOT_ACCESS_KEY/));
    });
  });

  it('keeps the cache as it was when a write is rolled back', () => {
    fx.journal.close();
    const refuseCarol = {
      name: 'refuse-carol',
      apply: (event: StoredEvent) => {
        if (event.streamId === 'account:carol') throw new Error('refused');
      },
      reset: () => undefined,
    };
    fx = openIam(tmp.path, [refuseCarol]);
    fx.iam.createAccount(alice);

    expect(() => fx.iam.createAccount({ access: 'carol', secret: 's', role: 'user' })).toThrow('refused');
    expect(fx.iam.getAccount('carol')).toBeUndefined();
    expect(fx.iam.listAccounts()).toEqual([alice]);
    expect(fx.events.lastSeq()).toBe(1);
  });

  it('refuses a write inside an outer journal transaction, whose rollback the cache would miss', () => {
    expect(() => fx.journal.transaction(() => fx.iam.createAccount(alice))).toThrow('inside another journal transaction');
    expect(fx.iam.getAccount('alice')).toBeUndefined();
    expect(fx.events.lastSeq()).toBe(0);
  });

  it('keeps accounts across a re-open', () => {
    fx.iam.createAccount(alice);
    fx.iam.createAccount(bob);
    fx.iam.updateAccount('alice', { role: 'userplus' });
    fx.iam.deleteAccount('bob');
    const before = fx.iam.listAccounts();
    fx.journal.close();

    fx = openIam(tmp.path);
    expect(fx.journal.migrationsApplied).toEqual([]);
    expect(fx.iam.listAccounts()).toEqual(before);
    expect(fx.iam.getAccount('alice')).toEqual({ ...alice, role: 'userplus' });
  });
});
