import type { AclRequest } from '../../access/acl-request';
import { s3Command } from '../../s3-command';

export interface CreateBucketRequest {
  bucket: string;
  /** From CreateBucketConfiguration, when the client sent one. */
  locationConstraint?: string;
  /** x-amz-acl / x-amz-grant-*, when the client sent them. */
  acl?: AclRequest;
  /** x-amz-object-ownership as sent (checked by the handler). */
  ownership?: string;
}

export class CreateBucketCommand extends s3Command<CreateBucketRequest, void>('CreateBucket') {}
