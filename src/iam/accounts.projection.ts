import type { StoredEvent } from '../journal/event';
import type { Projection } from '../journal/projection';
import { isAccountEvent } from './account-events';
import type { AccountsRepository } from './accounts.repository';
import { IamError } from './iam.port';

/**
 * Keeps the `accounts` table equal to the fold of the account events. It refuses an event that
 * contradicts the table (creating a present account, changing an absent one) by throwing, which
 * rolls the append back: the log never records a change that did not happen.
 */
export class AccountsProjection implements Projection {
  readonly name = 'accounts';

  constructor(private readonly accounts: AccountsRepository) {}

  apply(event: StoredEvent): void {
    if (!isAccountEvent(event)) return;
    const { seq, time } = event;
    switch (event.type) {
      case 'AccountCreated': {
        const { access, secret, role, userId, groupId, projectId } = event.data;
        if (this.accounts.find(access)) throw new IamError('AccountExists', `account ${access} already exists`);
        this.accounts.insert({
          access,
          secret,
          role,
          userId: userId ?? null,
          groupId: groupId ?? null,
          projectId: projectId ?? null,
          createdSeq: seq,
          createdAt: time,
          updatedSeq: seq,
          updatedAt: time,
        });
        return;
      }
      case 'AccountUpdated': {
        const { access, secret, role, userId, groupId, projectId } = event.data;
        const changed = this.accounts.update({
          access,
          secret: secret ?? null,
          role: role ?? null,
          userId: userId ?? null,
          groupId: groupId ?? null,
          projectId: projectId ?? null,
          updatedSeq: seq,
          updatedAt: time,
        });
        if (!changed) throw new IamError('NoSuchAccount', `account ${access} does not exist`);
        return;
      }
      case 'AccountDeleted': {
        if (!this.accounts.delete(event.data.access)) {
          throw new IamError('NoSuchAccount', `account ${event.data.access} does not exist`);
        }
        return;
      }
    }
  }

  reset(): void {
    this.accounts.deleteAll();
  }
}
