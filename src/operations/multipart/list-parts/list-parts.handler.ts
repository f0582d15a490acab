import { accessHandler } from '../../access/access-handler';
import { listingOwners } from '../../listing/listing-owners';
import { ListPartsCommand } from './list-parts.command';

/** From the storage, not the journal: parts sent through any gateway sharing it are listed; Owner and Initiator are the upload's own. */
export const ListPartsHandler = accessHandler(ListPartsCommand, async ({ backend, states }, { input }) => {
  const owners = await listingOwners(states, input.bucket);
  return backend.listParts({ ...input, fetchOwner: owners.storedOwners });
});
