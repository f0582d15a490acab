import { backendHandler } from '../../backend-handler';
import { GetBucketVersioningCommand } from './get-bucket-versioning.command';

/**
 * No bucket is ever versioned here (PutBucketVersioning answers NotImplemented), so every bucket
 * is one whose versioning was never set: AWS answers that with an empty configuration, which
 * clients (rclone before a purge, SDK tools) ask for and read as "unversioned". The bucket must
 * still exist.
 */
export const GetBucketVersioningHandler = backendHandler(GetBucketVersioningCommand, async (backend, { input }) => {
  await backend.headBucket(input);
  return {};
});
