import { accessHandler } from '../../access/access-handler';
import { listingOwners } from '../../listing/listing-owners';
import { ListMultipartUploadsCommand } from './list-multipart-uploads.command';

/**
 * From the storage, not the journal: uploads made through any gateway sharing it are listed, each
 * naming its own owner (and initiator) where it has one.
 */
export const ListMultipartUploadsHandler = accessHandler(ListMultipartUploadsCommand, async ({ backend, states }, { input }) => {
  const owners = await listingOwners(states, input.bucket);
  return backend.listMultipartUploads({ ...input, fetchOwner: owners.storedOwners });
});
