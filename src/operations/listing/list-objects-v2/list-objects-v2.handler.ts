import { accessHandler } from '../../access/access-handler';
import { listingOwners } from '../listing-owners';
import { ListObjectsV2Command } from './list-objects-v2.command';

/**
 * Owners only with fetch-owner (without it not even the bucket's state is consulted); under
 * BucketOwnerEnforced the backend is asked for none and the bucket owner is named for all.
 */
export const ListObjectsV2Handler = accessHandler(ListObjectsV2Command, async ({ backend, states }, { input }) => {
  if (!input.fetchOwner) return backend.listObjectsV2(input);
  const owners = await listingOwners(states, input.bucket);
  if (owners.storedOwners) return backend.listObjectsV2(input);
  return { ...(await backend.listObjectsV2({ ...input, fetchOwner: false })), owner: owners.bucketOwner };
});
