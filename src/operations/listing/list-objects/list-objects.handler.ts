import { accessHandler } from '../../access/access-handler';
import { listingOwners } from '../listing-owners';
import { ListObjectsCommand } from './list-objects.command';

/** V1 always names each object's owner, as AWS does: its own where it has one, else the bucket owner. */
export const ListObjectsHandler = accessHandler(ListObjectsCommand, async ({ backend, states }, { input }) => {
  const owners = await listingOwners(states, input.bucket);
  const page = await backend.listObjects({ ...input, fetchOwner: owners.storedOwners });
  return { ...page, owner: owners.bucketOwner };
});
