import { invalidArgument } from '../../../s3/errors/s3-error';
import { backendHandler } from '../../backend-handler';
import { ListObjectVersionsCommand } from './list-object-versions.command';

/**
 * Buckets are unversioned, so every object has exactly one version, `null`: tools that empty a
 * bucket by listing versions see each object once. The key marker alone decides where a page resumes.
 */
export const ListObjectVersionsHandler = backendHandler(ListObjectVersionsCommand, (backend, { input }) => {
  const { bucket, prefix, delimiter, keyMarker, versionIdMarker, maxKeys } = input;
  if (versionIdMarker !== undefined && keyMarker === '') {
    throw invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', versionIdMarker);
  }
  return backend.listObjects({ bucket, prefix, delimiter, marker: keyMarker, maxKeys });
});
