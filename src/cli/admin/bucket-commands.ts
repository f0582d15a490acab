import type { Command } from 'commander';
import { ADMIN_ROUTES } from '../../admin/admin-routes';
import type { BucketView } from '../../admin/buckets/bucket-view';
import type { BucketOwnerChangedData } from '../../admin/buckets/bucket-owner-events';
import { subcommand, type AdminCliContext } from './admin-cli-context';
import { formatTable } from './table';

/** change-bucket-owner and list-buckets, as VersityGW's admin CLI has them. */
export function addBucketCommands(admin: Command, context: AdminCliContext): void {
  subcommand<{ bucket: string; owner: string }, BucketOwnerChangedData>(
    admin,
    context,
    'change-bucket-owner',
    'Changes the bucket owner',
    (command) =>
      command
        .requiredOption('-b, --bucket <name>', 'the bucket whose owner changes')
        .requiredOption('-o, --owner <key>', 'access key id of the new owner'),
    ({ bucket, owner }) => context.call(ADMIN_ROUTES.changeBucketOwner, { query: { bucket, owner } }) as Promise<BucketOwnerChangedData>,
    ({ bucket, owner, previousOwner }) => `${bucket}: owner ${previousOwner || '(none)'} -> ${owner}\n`,
  );
  subcommand<object, { buckets: BucketView[] }>(
    admin,
    context,
    'list-buckets',
    'Lists all the gateway buckets and owners',
    () => undefined,
    () => context.call(ADMIN_ROUTES.listBuckets) as Promise<{ buckets: BucketView[] }>,
    ({ buckets }) =>
      formatTable(
        [
          { heading: 'Bucket', cell: (b: BucketView) => b.name },
          { heading: 'Owner', cell: (b) => b.owner },
          { heading: 'Created', cell: (b) => b.creationDate },
        ],
        buckets,
      ),
  );
}
