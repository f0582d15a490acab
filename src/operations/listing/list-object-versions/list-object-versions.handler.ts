import { invalidArgument } from '../../../s3/errors/s3-error';
import { backendHandler } from '../../backend-handler';
import { ListObjectVersionsCommand } from './list-object-versions.command';

/** Every version and delete marker, in S3's order; a version-id marker only means something after a key marker. */
export const ListObjectVersionsHandler = backendHandler(ListObjectVersionsCommand, (backend, { input }) => {
  if (input.versionIdMarker !== undefined && input.keyMarker === '') {
    throw invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', input.versionIdMarker);
  }
  return backend.listObjectVersions(input);
});
