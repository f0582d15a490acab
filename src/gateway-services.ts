import { Logger } from '@nestjs/common';
import type { Backend } from './backends/backend';
import { NO_PAUSES, type PausePoints } from './backends/pause-points';
import { PosixBackend, removeStaleTempFiles } from './backends/posix';
import { loadNativeFs } from './backends/posix/native/native-fs';
import { DEFAULT_HISTORY, DEFAULT_MULTIPART, type GatewayConfig } from './config/gateway-config';
import { AccountsProjection } from './iam/accounts.projection';
import { AccountsRepository } from './iam/accounts.repository';
import type { IamStore } from './iam/iam.port';
import { SqliteIamStore } from './iam/sqlite-iam-store';
import { EventStore } from './journal/event-store';
import { openOperationHistory, type OperationHistory } from './journal/history';
import type { JournalDatabase } from './journal/journal-database';
import { openJournal } from './journal/open-journal';
import { ProjectionRegistry } from './journal/projection-registry';
import { MultipartUploadsProjection, openMultipart, type MultipartServices, UploadsRepository } from './multipart';

/** What the gateway opens before serving and closes after the last request. */
export interface GatewayServices {
  journal: JournalDatabase;
  events: EventStore;
  iam: IamStore;
  backend: Backend;
  /** Written after each response, queried by the admin API; flushed on close. */
  history: OperationHistory;
  /** The multipart journal, the last start-up recovery report, the abandoned-upload sweep. */
  multipart: MultipartServices;
  /** Where a crash test stops writes at their steps: NO_PAUSES unless the starting process supplied others. */
  pausePoints: PausePoints;
  close(): Promise<void>;
}

async function openBackend(config: GatewayConfig, pauses: PausePoints): Promise<Backend> {
  const { root, dirPerms, disableOtmp, disableCopyFileRange } = config.backend;
  const logger = new Logger('posix');
  const backend = new PosixBackend(root, loadNativeFs(), {
    dirPerms,
    useOtmpFile: !disableOtmp,
    useCopyFileRange: !disableCopyFileRange,
    warn: (message) => logger.warn(message),
    pauses,
  });
  const removed = await removeStaleTempFiles(root);
  if (removed.length > 0) logger.log(`removed ${removed.length} leftover(s) of interrupted uploads and removals`);
  return backend;
}

/** Opens the journal (migrating it), the IAM store over it and the backend; all or nothing. */
export async function openGatewayServices(config: GatewayConfig, pausePoints: PausePoints = NO_PAUSES): Promise<GatewayServices> {
  const journal = openJournal(config.db);
  try {
    const accounts = new AccountsRepository(journal);
    const uploads = new UploadsRepository(journal);
    const projections = new ProjectionRegistry().register(new AccountsProjection(accounts)).register(new MultipartUploadsProjection(uploads));
    const events = new EventStore(journal, projections);
    // A migration may have recreated a projection table; the events are the truth to refill it from.
    if (journal.migrationsApplied.length > 0) events.rebuildProjections();
    const iam = new SqliteIamStore({ root: { access: config.access, secret: config.secret }, events, accounts });
    const backend = await openBackend(config, pausePoints);
    const multipart = await openMultipart({ journal, events, uploads, backend, config: config.multipart ?? DEFAULT_MULTIPART, quiet: config.quiet });
    const history = openOperationHistory(journal, { retention: config.history ?? DEFAULT_HISTORY, log: new Logger('history') });
    return {
      journal,
      events,
      iam,
      backend,
      history,
      multipart,
      pausePoints,
      async close() {
        await multipart.close();
        // Called after the last request: its row is queued by now, and is written here.
        await history.close();
        await backend.close();
        journal.close();
      },
    };
  } catch (error) {
    journal.close();
    throw error;
  }
}
