import type { UploadIdentity } from '../multipart-events';

/** At most this many examples of each finding are kept; the counts are always exact. */
export const REPORT_SAMPLE_LIMIT = 100;

export interface Findings<T> {
  count: number;
  /** The first REPORT_SAMPLE_LIMIT of them. */
  sample: T[];
}

export interface PartIdentity extends UploadIdentity {
  partNumber: number;
}

/**
 * What start-up recovery found when it compared the storage (the truth for uploads and parts)
 * with this node's journal, and what it did about it. JSON-ready, for the admin API.
 */
export interface MultipartRecoveryReport {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  uploadsOnStorage: number;
  partsOnStorage: number;
  /** Completions a crash interrupted after the object was renamed into place: recorded completed, parts removed. */
  completionsFinished: Findings<UploadIdentity>;
  /** Completions a crash interrupted before the rename: the upload stays in flight, whole. */
  completionsRolledBack: Findings<UploadIdentity>;
  /** Uploads on storage this journal did not know (another gateway's, or a record a crash lost): now recorded. */
  uploadsDiscovered: Findings<UploadIdentity>;
  /** Part files this journal did not know, or knew with another ETag or size: now recorded. */
  partsDiscovered: Findings<PartIdentity>;
  /** Parts recorded in the journal whose file is not on storage: record removed. */
  partsMissing: Findings<PartIdentity>;
  /** Uploads recorded in flight that are no longer on storage (completed or aborted elsewhere): recorded gone. */
  uploadsVanished: Findings<UploadIdentity>;
  /** Upload directories whose creation a crash interrupted: removed. */
  unfinishedRemoved: Findings<string>;
  /** Entries of the multipart area that belong to no upload: left for an operator. */
  strayEntries: Findings<string>;
}

export function findings<T>(): Findings<T> {
  return { count: 0, sample: [] };
}

export function note<T>(into: Findings<T>, item: T): void {
  into.count++;
  if (into.sample.length < REPORT_SAMPLE_LIMIT) into.sample.push(item);
}

/** Whether recovery had to change or report anything. */
export function isClean(report: MultipartRecoveryReport): boolean {
  return (
    report.completionsFinished.count +
      report.completionsRolledBack.count +
      report.uploadsDiscovered.count +
      report.partsDiscovered.count +
      report.partsMissing.count +
      report.uploadsVanished.count +
      report.unfinishedRemoved.count +
      report.strayEntries.count ===
    0
  );
}

/** The one start-up log line. */
export function summarize(report: MultipartRecoveryReport): string {
  return (
    `multipart recovery: ${report.uploadsOnStorage} upload(s) with ${report.partsOnStorage} part(s) on storage; ` +
    `completions finished ${report.completionsFinished.count}, rolled back ${report.completionsRolledBack.count}; ` +
    `unrecorded uploads ${report.uploadsDiscovered.count}, unrecorded parts ${report.partsDiscovered.count}; ` +
    `recorded but missing: parts ${report.partsMissing.count}, uploads ${report.uploadsVanished.count}; ` +
    `unfinished creations removed ${report.unfinishedRemoved.count}; stray entries ${report.strayEntries.count} ` +
    `(${report.durationMs} ms)`
  );
}

/** Holds the last report for whoever asks later (the admin API); undefined before recovery ran. */
export class MultipartRecoveryReports {
  private report?: MultipartRecoveryReport;

  set(report: MultipartRecoveryReport): void {
    this.report = report;
  }

  last(): MultipartRecoveryReport | undefined {
    return this.report;
  }
}
