import { join } from 'node:path';
import { EventStore } from '../../../src/journal/event-store';
import type { JournalDatabase } from '../../../src/journal/journal-database';
import { openJournal } from '../../../src/journal/open-journal';
import type { Projection } from '../../../src/journal/projection';
import { ProjectionRegistry } from '../../../src/journal/projection-registry';
import { AccountChanges } from '../../../src/iam/account-changes';
import { AccountsProjection } from '../../../src/iam/accounts.projection';
import { AccountsRepository } from '../../../src/iam/accounts.repository';
import { SqliteIamStore } from '../../../src/iam/sqlite-iam-store';

export const ROOT = { access: 'root-access', secret: 'root-secret' };

export interface IamFixture {
  journal: JournalDatabase;
  events: EventStore;
  iam: SqliteIamStore;
}

export interface IamFixtureOptions {
  /** As a cluster worker opens it: other connections write the same file, and their account changes are polled. */
  shared?: boolean;
}

/** Wires the journal and IAM store as start-up does, over the file `journal.db` in dir. */
export function openIam(dir: string, extra: Projection[] = [], root = ROOT, options: IamFixtureOptions = {}): IamFixture {
  const journal = openJournal(join(dir, 'journal.db'));
  try {
    const accounts = new AccountsRepository(journal);
    const projections = new ProjectionRegistry().register(new AccountsProjection(accounts));
    for (const projection of extra) projections.register(projection);
    let clock = Date.parse('2025-06-01T00:00:00.000Z');
    const events = new EventStore(journal, projections, () => new Date((clock += 1000)));
    const changes = options.shared ? new AccountChanges(journal, events) : undefined;
    return { journal, events, iam: new SqliteIamStore({ root, events, accounts, changes }) };
  } catch (error) {
    journal.close();
    throw error;
  }
}
