import type { Command } from 'commander';
import { ADMIN_ROUTES } from '../../admin/admin-routes';
import type { MultipartView, UploadView } from '../../admin/multipart/multipart-view';
import type { Findings, MultipartRecoveryReport } from '../../multipart/recovery/recovery-report';
import { subcommand, type AdminCliContext } from './admin-cli-context';
import { formatRecord, formatTable } from './table';

/** multipart: uploads in flight with their parts, and what the last start-up recovery found. */
export function addMultipartCommand(admin: Command, context: AdminCliContext): void {
  subcommand<{ bucket?: string }, MultipartView>(
    admin,
    context,
    'multipart',
    'Multipart uploads in flight (with their parts) and the last start-up recovery report',
    (command) => command.option('-b, --bucket <name>', 'only this bucket'),
    ({ bucket }) => context.call(ADMIN_ROUTES.listMultipartUploads, { query: { bucket } }) as Promise<MultipartView>,
    ({ uploads, recovery }) => `${uploadsTable(uploads)}\n${recoveryText(recovery)}`,
  );
}

function uploadsTable(uploads: UploadView[]): string {
  return formatTable(
    [
      { heading: 'Bucket', cell: (u: UploadView) => u.bucket },
      { heading: 'Key', cell: (u) => u.key },
      { heading: 'Upload ID', cell: (u) => u.uploadId },
      { heading: 'Initiated', cell: (u) => u.initiated },
      { heading: 'Parts', cell: (u) => (u.partCount === 0 ? 0 : `${u.partCount} (${u.parts.map((p) => p.partNumber).join(',')})`) },
      { heading: 'Bytes', cell: (u) => u.size, align: 'right' },
    ],
    uploads,
  );
}

function recoveryText(report: MultipartRecoveryReport | null): string {
  if (!report) return 'last recovery: none (not run since start, or failed: see the gateway log)\n';
  const count = (findings: Findings<unknown>) => findings.count;
  return (
    `last recovery: ${report.startedAt} (${report.durationMs} ms)\n` +
    formatRecord([
      ['uploads on storage', report.uploadsOnStorage],
      ['parts on storage', report.partsOnStorage],
      ['completions finished', count(report.completionsFinished)],
      ['completions rolled back', count(report.completionsRolledBack)],
      ['uploads discovered', count(report.uploadsDiscovered)],
      ['parts discovered', count(report.partsDiscovered)],
      ['parts missing', count(report.partsMissing)],
      ['uploads vanished', count(report.uploadsVanished)],
      ['unfinished removed', count(report.unfinishedRemoved)],
      ['stray entries', count(report.strayEntries)],
    ])
  );
}
