import type { BucketInput, VersioningStatus } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

/** `Enabled` or `Suspended` once versioning has been set on the bucket; absent while it never was. */
export interface BucketVersioning {
  status?: VersioningStatus;
}

export class GetBucketVersioningCommand extends s3Command<BucketInput, BucketVersioning>('GetBucketVersioning') {}
