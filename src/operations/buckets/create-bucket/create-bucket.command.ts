import { s3Command } from '../../s3-command';

export interface CreateBucketRequest {
  bucket: string;
  /** From CreateBucketConfiguration, when the client sent one. */
  locationConstraint?: string;
  /** x-amz-bucket-object-lock-enabled: true. */
  objectLockEnabled?: boolean;
}

export class CreateBucketCommand extends s3Command<CreateBucketRequest, void>('CreateBucket') {}
