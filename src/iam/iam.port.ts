import type { Account } from './account';

/** DI token of the IAM store (behind a port so several gateways can later share one store). */
export const IAM_STORE = Symbol('IamStore');

export type AccountUpdate = Partial<Pick<Account, 'secret' | 'role' | 'userId' | 'groupId' | 'projectId'>>;

export interface IamStore {
  /**
   * Looks an access key up, root included. Called on every request: it answers from memory, at
   * most after one cheap check that nothing changed elsewhere (another worker's write).
   */
  getAccount(access: string): Account | undefined;
  isRoot(access: string): boolean;
  /** Rejects with IamError('AccountExists') for a taken access key (root's included). */
  createAccount(account: Account, traceId?: string): void;
  /** Rejects with IamError('NoSuchAccount'). */
  updateAccount(access: string, update: AccountUpdate, traceId?: string): void;
  deleteAccount(access: string, traceId?: string): void;
  /** Stored accounts, without root, ordered by access key. */
  listAccounts(): Account[];
}

export class IamError extends Error {
  constructor(
    readonly code: 'AccountExists' | 'NoSuchAccount' | 'InvalidAccount',
    message: string,
  ) {
    super(message);
    this.name = 'IamError';
  }
}
