import { Logger } from '@nestjs/common';
import type { Backend } from './backends/backend';
import { PosixBackend, removeStaleTempFiles } from './backends/posix';
import { loadNativeFs } from './backends/posix/native/native-fs';
import type { GatewayConfig } from './config/gateway-config';
import { AccountsProjection } from './iam/accounts.projection';
import { AccountsRepository } from './iam/accounts.repository';
import type { IamStore } from './iam/iam.port';
import { SqliteIamStore } from './iam/sqlite-iam-store';
import { EventStore } from './journal/event-store';
import type { JournalDatabase } from './journal/journal-database';
import { openJournal } from './journal/open-journal';
import { ProjectionRegistry } from './journal/projection-registry';

/** What the gateway opens before serving and closes after the last request. */
export interface GatewayServices {
  journal: JournalDatabase;
  events: EventStore;
  iam: IamStore;
  backend: Backend;
  close(): Promise<void>;
}

async function openBackend(config: GatewayConfig): Promise<Backend> {
  const { root, dirPerms, disableOtmp } = config.backend;
  const backend = new PosixBackend(root, loadNativeFs(), { dirPerms, useOtmpFile: !disableOtmp });
  const removed = await removeStaleTempFiles(root);
  if (removed.length > 0) new Logger('posix').log(`removed ${removed.length} temporary file(s) of interrupted uploads`);
  return backend;
}

/** Opens the journal (migrating it), the IAM store over it and the backend; all or nothing. */
export async function openGatewayServices(config: GatewayConfig): Promise<GatewayServices> {
  const journal = openJournal(config.db);
  try {
    const accounts = new AccountsRepository(journal);
    const events = new EventStore(journal, new ProjectionRegistry().register(new AccountsProjection(accounts)));
    // A migration may have recreated a projection table; the events are the truth to refill it from.
    if (journal.migrationsApplied.length > 0) events.rebuildProjections();
    const iam = new SqliteIamStore({ root: { access: config.access, secret: config.secret }, events, accounts });
    const backend = await openBackend(config);
    return {
      journal,
      events,
      iam,
      backend,
      async close() {
        await backend.close();
        journal.close();
      },
    };
  } catch (error) {
    journal.close();
    throw error;
  }
}
