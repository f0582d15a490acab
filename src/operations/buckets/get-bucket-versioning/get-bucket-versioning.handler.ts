import { backendHandler } from '../../backend-handler';
import { GetBucketVersioningCommand } from './get-bucket-versioning.command';

/**
 * A bucket whose versioning was never set (and every bucket of a gateway without
 * --versioning-dir) gets an empty configuration, as AWS answers it: clients (rclone before a
 * purge, SDK tools) ask for it and read it as "unversioned".
 */
export const GetBucketVersioningHandler = backendHandler(GetBucketVersioningCommand, (backend, { input }) => backend.getBucketVersioning(input));
