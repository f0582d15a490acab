import { invalidArgument } from '../../../s3/errors/s3-error';
import { accessHandler } from '../../access/access-handler';
import { listingOwners } from '../listing-owners';
import { ListObjectVersionsCommand } from './list-object-versions.command';

/**
 * Every version and delete marker, in S3's order, each naming its owner as V1 does; a version-id
 * marker only means something after a key marker.
 */
export const ListObjectVersionsHandler = accessHandler(ListObjectVersionsCommand, async ({ backend, states }, { input }) => {
  if (input.versionIdMarker !== undefined && input.keyMarker === '') {
    throw invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', input.versionIdMarker);
  }
  const owners = await listingOwners(states, input.bucket);
  const page = await backend.listObjectVersions({ ...input, fetchOwner: owners.storedOwners });
  return { ...page, owner: owners.bucketOwner };
});
