import { Logger } from '@nestjs/common';
import type { Backend } from '../backends/backend';
import type { MultipartConfig } from '../config/gateway-config';
import type { EventStore } from '../journal/event-store';
import type { JournalDatabase } from '../journal/journal-database';
import { MultipartJournal } from './multipart-journal';
import { recoverMultipartUploads } from './recovery/multipart-recovery';
import { isClean, type MultipartRecoveryReport, MultipartRecoveryReports, summarize } from './recovery/recovery-report';
import { AbandonedUploadSweep } from './sweep/abandoned-upload-sweep';
import type { UploadsRepository } from './uploads.repository';

/** Multipart's part of the running gateway. */
export interface MultipartServices {
  journal: MultipartJournal;
  recoveryReports: MultipartRecoveryReports;
  /** Present when --multipart-sweep is on. */
  sweep?: AbandonedUploadSweep;
  close(): Promise<void>;
}

export interface MultipartDependencies {
  journal: JournalDatabase;
  /** With a MultipartUploadsProjection over `uploads` registered. */
  events: EventStore;
  uploads: UploadsRepository;
  backend: Backend;
  config: MultipartConfig;
  /** --quiet: a clean recovery says nothing (Nest's logger levels are not set up yet at this point). */
  quiet?: boolean;
  logger?: Logger;
  /**
   * Set in a cluster worker: the primary reconciled the storage before forking (this is its
   * report, undefined when its recovery failed) and runs the sweep, so this process does neither.
   */
  recoveredByPrimary?: { report: MultipartRecoveryReport | undefined };
}

/**
 * Reconciles the journal with the storage before the first request and says so in one line (a
 * warning when anything had to be repaired, shown even with --quiet), then starts the
 * abandoned-upload sweep when configured.
 */
export async function openMultipart(deps: MultipartDependencies): Promise<MultipartServices> {
  const logger = deps.logger ?? new Logger('multipart');
  const journal = new MultipartJournal(deps.journal, deps.events, deps.uploads);
  const recoveryReports = new MultipartRecoveryReports();
  if (deps.recoveredByPrimary) {
    const { report } = deps.recoveredByPrimary;
    if (report) recoveryReports.set(report);
    return { journal, recoveryReports, close: async () => undefined };
  }
  try {
    const report = await recoverMultipartUploads(deps.backend, journal);
    recoveryReports.set(report);
    if (!isClean(report)) logger.warn(summarize(report));
    else if (!deps.quiet) logger.log(summarize(report));
  } catch (error) {
    // Serving matters more than bookkeeping: requests still work from the file system.
    logger.error(`multipart recovery failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  let sweep: AbandonedUploadSweep | undefined;
  if (deps.config.sweep) {
    sweep = new AbandonedUploadSweep(deps.backend, journal, {
      maxAgeMs: deps.config.maxAgeMs,
      intervalMs: deps.config.sweepIntervalMs,
      onRun: (result) => {
        if (result.aborted.length > 0) logger.log(`multipart sweep: aborted ${result.aborted.length} upload(s) older than ${deps.config.maxAgeMs / 1000} s`);
      },
      onError: (error) => logger.error(`multipart sweep failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    sweep.start();
  }
  return {
    journal,
    recoveryReports,
    sweep,
    async close() {
      await sweep?.stop();
    },
  };
}
