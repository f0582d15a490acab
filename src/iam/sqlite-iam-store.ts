import type { EventStore } from '../journal/event-store';
import type { Account, RootAccount } from './account';
import type { AccountChanges } from './account-changes';
import { accountCreated, accountDeleted, accountUpdated } from './account-events';
import { validateAccessKey, validateAccount, validateAccountUpdate, validateRole, validateSecret } from './account-validation';
import type { AccountRecord, AccountsRepository } from './accounts.repository';
import { IamError, type AccountUpdate, type IamStore } from './iam.port';

export interface SqliteIamStoreOptions {
  /** From ROOT_ACCESS_KEY / ROOT_SECRET_KEY. */
  root: { access: string; secret: string };
  /** Must have an AccountsProjection over `accounts` registered. */
  events: EventStore;
  accounts: AccountsRepository;
  /**
   * Set when other processes write the same journal (--workers N): their account changes are
   * then picked up before each lookup. Construct it before the store, which loads its map after.
   */
  changes?: AccountChanges;
}

/**
 * The single-gateway IAM store: accounts are events in this node's journal. Several gateways
 * need one shared store instead (see "Several gateways" in the design), which is why callers
 * only see the IamStore port.
 *
 * getAccount runs on every request, so all accounts live in a map loaded at construction and
 * refreshed from the table after each write commits (and after a rebuild); a write that fails
 * leaves the map as it was. With `changes`, what the other workers wrote is refreshed too, at
 * the next call (see AccountChanges for what that costs).
 */
export class SqliteIamStore implements IamStore {
  private readonly root: RootAccount;
  private readonly events: EventStore;
  private readonly accounts: AccountsRepository;
  private readonly changes: AccountChanges | undefined;
  private cache = new Map<string, Account>();

  constructor(options: SqliteIamStoreOptions) {
    this.root = Object.freeze({
      access: prefixed('root account', () => validateAccessKey(options.root.access)),
      secret: prefixed('root account', () => validateSecret(options.root.secret)),
      role: 'admin' as const,
    });
    this.events = options.events;
    this.accounts = options.accounts;
    this.changes = options.changes;
    this.reload();
    if (this.cache.has(this.root.access)) {
      // Root would shadow that account, silently locking its owner out; make the admin choose.
      throw new IamError(
        'AccountExists',
        `the root access key ${this.root.access} is also a stored account: delete that account or choose another ROOT_ACCESS_KEY`,
      );
    }
    this.events.onRebuilt(() => this.reload());
  }

  getAccount(access: string): Account | undefined {
    if (access === this.root.access) return this.root;
    this.catchUp();
    return this.cache.get(access);
  }

  isRoot(access: string): boolean {
    return access === this.root.access;
  }

  createAccount(account: Account, traceId?: string): void {
    const valid = validateAccount(account);
    this.catchUp();
    if (this.isRoot(valid.access) || this.cache.has(valid.access)) {
      throw new IamError('AccountExists', `account ${valid.access} already exists`);
    }
    this.write(valid.access, () => this.events.append(accountCreated(valid, traceId)));
  }

  updateAccount(access: string, update: AccountUpdate, traceId?: string): void {
    this.refuseRoot(access, 'updated');
    const valid = validateAccountUpdate(update);
    this.catchUp();
    if (!this.cache.has(access)) throw new IamError('NoSuchAccount', `account ${access} does not exist`);
    // Nothing to change: no event, so the log holds only changes that happened.
    if (Object.keys(valid).length === 0) return;
    this.write(access, () => this.events.append(accountUpdated(access, valid, traceId)));
  }

  deleteAccount(access: string, traceId?: string): void {
    this.refuseRoot(access, 'deleted');
    this.catchUp();
    if (!this.cache.has(access)) throw new IamError('NoSuchAccount', `account ${access} does not exist`);
    this.write(access, () => this.events.append(accountDeleted(access, traceId)));
  }

  listAccounts(): Account[] {
    this.catchUp();
    return [...this.cache.values()].sort((a, b) => (a.access < b.access ? -1 : a.access > b.access ? 1 : 0));
  }

  /** Reloads every account from the projection table. */
  reload(): void {
    this.cache = new Map(this.accounts.all().map((record) => [record.access, toAccount(record)]));
  }

  /** Brings the map up to what other processes committed; one cheap read when they committed nothing. */
  private catchUp(): void {
    if (!this.changes) return;
    const changed = this.changes.poll();
    if (changed === 'all') this.reload();
    else for (const access of changed) this.refresh(access);
  }

  /** The map entry of one account as its row is now. */
  private refresh(access: string): void {
    const record = this.accounts.find(access);
    if (record) this.cache.set(access, toAccount(record));
    else this.cache.delete(access);
  }

  private refuseRoot(access: string, verb: string): void {
    if (this.isRoot(access)) {
      throw new IamError('InvalidAccount', `the root account is configured, not stored: it cannot be ${verb} (set ROOT_ACCESS_KEY / ROOT_SECRET_KEY)`);
    }
  }

  /**
   * The map changes only once the append has committed: a refused or rolled-back write throws
   * before it, leaving the map as the table still is.
   */
  private write(access: string, append: () => void): void {
    if (this.events.inTransaction) {
      // The outer transaction could still roll back, and the map would not see it.
      throw new Error('IAM writes must not run inside another journal transaction');
    }
    append();
    this.refresh(access);
  }
}

/** Frozen: callers share the cached object, and a stray assignment must not change an account. */
function toAccount(record: AccountRecord): Account {
  const account: Account = { access: record.access, secret: record.secret, role: validateRole(record.role) };
  if (record.userId !== null) account.userId = record.userId;
  if (record.groupId !== null) account.groupId = record.groupId;
  if (record.projectId !== null) account.projectId = record.projectId;
  return Object.freeze(account);
}

function prefixed<T>(what: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof IamError) throw new IamError(error.code, `${what}: ${error.message}`);
    throw error;
  }
}
