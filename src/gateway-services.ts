import { Logger } from '@nestjs/common';
import type { Backend } from './backends/backend';
import { NO_PAUSES, type PausePoints } from './backends/pause-points';
import { AzureBackend } from './backends/azure';
import { PosixBackend, removeStaleTempFiles } from './backends/posix';
import { loadNativeFs } from './backends/posix/native/native-fs';
import { type BlockMover, ScoutfsBackend } from './backends/scoutfs';
import { loadNativeAddon } from './native/native-addon';
import { S3ProxyBackend } from './backends/s3proxy';
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
import { AccountChanges } from './iam/account-changes';
import { BucketChanges } from './journal/bucket-changes';
import { BucketCorsConfigurations } from './cors/bucket-cors';
import { MultipartUploadsProjection, openMultipart, type MultipartRecoveryReport, type MultipartServices, UploadsRepository } from './multipart';

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
  /**
   * Who tells the caches of buckets' configuration (access states, CORS rules) what changed: this
   * process's own changes, and in a cluster worker the other workers', from the shared journal.
   */
  bucketChanges: BucketChanges;
  /** The buckets' CORS rules, kept per bucket for the requests that carry an Origin. */
  cors: BucketCorsConfigurations;
  /** Where a crash test stops writes at their steps: NO_PAUSES unless the starting process supplied others. */
  pausePoints: PausePoints;
  close(): Promise<void>;
}

/**
 * Given when this process is a worker of --workers N > 1. The primary did the start-up repairs
 * (stale temporary files, multipart recovery) before forking and runs the housekeeping (the
 * abandoned-upload sweep, history pruning): a worker doing them too, after a restart say, would
 * take its siblings' uploads in progress for a crash's leftovers.
 */
export interface ClusterWorkerRole {
  /** The primary's start-up recovery report (undefined when its recovery failed), for the admin API. */
  readonly recoveryReport: MultipartRecoveryReport | undefined;
}

/** What the process starting the gateway may plug into its storage (a crash test's entry does). */
export interface StorageHooks {
  /** Where a crash test stops writes at their steps: NO_PAUSES unless given. */
  pausePoints?: PausePoints;
  /** The scoutfs backend's block mover, where ScoutFS's ioctl cannot run (a crash test's stand-in). */
  blockMover?: BlockMover;
}

async function openBackend(config: GatewayConfig, repairStorage: boolean, pauses: PausePoints, blockMover: BlockMover | undefined): Promise<Backend> {
  if (config.backend.type === 'azure') return new AzureBackend(config.backend);
  if (config.backend.type === 's3proxy') return new S3ProxyBackend({ ...config.backend, rootAccess: config.access });
  const { type, root, dirPerms, disableOtmp, disableCopyFileRange, versioningDir } = config.backend;
  const logger = new Logger(type);
  const options = {
    dirPerms,
    useOtmpFile: !disableOtmp,
    useCopyFileRange: !disableCopyFileRange,
    ...(versioningDir !== undefined ? { versioningDir } : {}),
    warn: (message: string) => logger.warn(message),
    pauses,
  };
  const backend =
    type === 'scoutfs'
      ? new ScoutfsBackend(root, loadNativeAddon(), { ...options, ...(blockMover !== undefined ? { blockMover } : {}) })
      : new PosixBackend(root, loadNativeFs(), options);
  if (!repairStorage) return backend;
  const removed = await removeStaleTempFiles(root);
  if (removed.length > 0) logger.log(`removed ${removed.length} leftover(s) of interrupted uploads and removals`);
  return backend;
}

/**
 * Opens the journal (migrating it), the IAM store over it and the backend, all or nothing; in
 * one process (or the cluster's primary) with the start-up repairs and housekeeping, in a
 * cluster worker without them.
 */
export async function openGatewayServices(config: GatewayConfig, worker?: ClusterWorkerRole, hooks: StorageHooks = {}): Promise<GatewayServices> {
  const pausePoints = hooks.pausePoints ?? NO_PAUSES;
  const journal = openJournal(config.db);
  try {
    const accounts = new AccountsRepository(journal);
    const uploads = new UploadsRepository(journal);
    const projections = new ProjectionRegistry().register(new AccountsProjection(accounts)).register(new MultipartUploadsProjection(uploads));
    const events = new EventStore(journal, projections);
    // A migration may have recreated a projection table; the events are the truth to refill it from.
    if (journal.migrationsApplied.length > 0) events.rebuildProjections();
    // Sibling workers write this journal too: follow their account changes.
    const changes = worker ? new AccountChanges(journal, events) : undefined;
    const bucketChanges = worker ? BucketChanges.following(journal, events) : new BucketChanges(undefined);
    const iam = new SqliteIamStore({ root: { access: config.access, secret: config.secret }, events, accounts, changes });
    const backend = await openBackend(config, !worker, pausePoints, hooks.blockMover);
    const multipart = await openMultipart({
      journal,
      events,
      uploads,
      backend,
      config: config.multipart ?? DEFAULT_MULTIPART,
      quiet: config.quiet,
      recoveredByPrimary: worker && { report: worker.recoveryReport },
    });
    // What another worker changes of a bucket reaches the backend's one cache of bucket configurations.
    bucketChanges.subscribe((changed) => backend.forgetBucketConfigurations(changed));
    const cors = new BucketCorsConfigurations(backend, events);
    const history = openOperationHistory(journal, { retention: config.history ?? DEFAULT_HISTORY, log: new Logger('history'), prune: !worker });
    return {
      journal,
      events,
      iam,
      backend,
      history,
      multipart,
      bucketChanges,
      cors,
      pausePoints,
      async close() {
        await multipart.close();
        // Called after the last request: its row is queued by now, and is written here.
        await history.close();
        await backend.close();
        bucketChanges.close();
        journal.close();
      },
    };
  } catch (error) {
    journal.close();
    throw error;
  }
}
