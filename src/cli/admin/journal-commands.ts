import type { Command } from 'commander';
import { ADMIN_ROUTES } from '../../admin/admin-routes';
import type { RebuildReport } from '../../journal/event-store';
import { subcommand, type AdminCliContext } from './admin-cli-context';

/** rebuild-projections: asks the running gateway to replay its events into every projection. */
export function addJournalCommands(admin: Command, context: AdminCliContext): void {
  subcommand<object, RebuildReport>(
    admin,
    context,
    'rebuild-projections',
    'Rebuild every projection (accounts, multipart uploads) from the append-only events, in the running gateway',
    () => undefined,
    () => context.call(ADMIN_ROUTES.rebuildProjections) as Promise<RebuildReport>,
    ({ events, projections }) => `replayed ${events} event(s) into ${projections.join(', ') || 'no projection'}\n`,
  );
}
