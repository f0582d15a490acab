import type { Command } from 'commander';
import { ADMIN_ROUTES } from '../../admin/admin-routes';
import type { VersionsView } from '../../admin/versions/versions-view';
import type { ObjectVersionSummary } from '../../backends/backend.types';
import type { StoredVersionEvent } from '../../versioning/version-events';
import { subcommand, type AdminCliContext } from './admin-cli-context';
import { formatTable } from './table';

/** versions: one key's versions on storage, and who made or deleted which of them (this node's journal). */
export function addVersionsCommand(admin: Command, context: AdminCliContext): void {
  subcommand<{ bucket: string; key: string }, VersionsView>(
    admin,
    context,
    'versions',
    "One key's versions (newest first) and the journal's record of who made or deleted each",
    (command) => command.requiredOption('-b, --bucket <name>', 'the bucket').requiredOption('-k, --key <key>', 'the object key'),
    ({ bucket, key }) => context.call(ADMIN_ROUTES.listObjectVersions, { query: { bucket, key } }) as Promise<VersionsView>,
    ({ versions, events }) => `${versionsTable(versions)}\n${eventsTable(events)}`,
  );
}

function versionsTable(versions: ObjectVersionSummary[]): string {
  return formatTable(
    [
      { heading: 'Version ID', cell: (v: ObjectVersionSummary) => v.versionId },
      { heading: 'Latest', cell: (v) => (v.isLatest ? 'yes' : '') },
      { heading: 'Kind', cell: (v) => (v.deleteMarker ? 'delete marker' : 'object') },
      { heading: 'Last modified', cell: (v) => String(v.lastModified) },
      { heading: 'Bytes', cell: (v) => v.size, align: 'right' },
      { heading: 'ETag', cell: (v) => v.etag },
    ],
    versions,
  );
}

const WHAT: Readonly<Record<StoredVersionEvent['type'], string>> = {
  ObjectVersionCreated: 'version made',
  DeleteMarkerCreated: 'delete marker made',
  ObjectVersionDeleted: 'version deleted',
  ObjectRetentionChanged: 'retention set',
  ObjectLegalHoldChanged: 'legal hold set',
};

/** What an event did, with the lock it left where it changed one. */
function whatOf(e: StoredVersionEvent): string {
  if (e.type === 'ObjectVersionDeleted' && e.data.deleteMarker) return 'delete marker deleted';
  if (e.type === 'ObjectRetentionChanged') return e.data.mode === undefined ? 'retention removed' : `retention ${e.data.mode} until ${e.data.retainUntilDate ?? ''}`;
  if (e.type === 'ObjectLegalHoldChanged') return `legal hold ${e.data.status}`;
  return WHAT[e.type];
}

function eventsTable(events: StoredVersionEvent[]): string {
  return formatTable(
    [
      { heading: 'Time', cell: (e: StoredVersionEvent) => e.time },
      { heading: 'What', cell: whatOf },
      { heading: 'Version ID', cell: (e) => e.data.versionId },
      { heading: 'Account', cell: (e) => e.data.account || '(anonymous)' },
      { heading: 'Operation', cell: (e) => e.data.operation },
      { heading: 'Trace ID', cell: (e) => e.traceId ?? '' },
    ],
    events,
  );
}
