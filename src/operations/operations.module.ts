import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CreateBucketHandler } from './buckets/create-bucket/create-bucket.handler';
import { DeleteBucketHandler } from './buckets/delete-bucket/delete-bucket.handler';
import { GetBucketLocationHandler } from './buckets/get-bucket-location/get-bucket-location.handler';
import { GetBucketVersioningHandler } from './buckets/get-bucket-versioning/get-bucket-versioning.handler';
import { PutBucketVersioningHandler } from './buckets/put-bucket-versioning/put-bucket-versioning.handler';
import { GetObjectLockConfigurationHandler } from './buckets/get-object-lock-configuration/get-object-lock-configuration.handler';
import { PutObjectLockConfigurationHandler } from './buckets/put-object-lock-configuration/put-object-lock-configuration.handler';
import { DeleteBucketTaggingHandler } from './buckets/delete-bucket-tagging/delete-bucket-tagging.handler';
import { GetBucketTaggingHandler } from './buckets/get-bucket-tagging/get-bucket-tagging.handler';
import { PutBucketTaggingHandler } from './buckets/put-bucket-tagging/put-bucket-tagging.handler';
import { HeadBucketHandler } from './buckets/head-bucket/head-bucket.handler';
import { DeleteBucketCorsHandler } from './buckets/delete-bucket-cors/delete-bucket-cors.handler';
import { GetBucketCorsHandler } from './buckets/get-bucket-cors/get-bucket-cors.handler';
import { PreflightRequestHandler } from './buckets/preflight-request/preflight-request.handler';
import { PutBucketCorsHandler } from './buckets/put-bucket-cors/put-bucket-cors.handler';
import { ListBucketsHandler } from './buckets/list-buckets/list-buckets.handler';
import { ListObjectVersionsHandler } from './listing/list-object-versions/list-object-versions.handler';
import { ListObjectsV2Handler } from './listing/list-objects-v2/list-objects-v2.handler';
import { ListObjectsHandler } from './listing/list-objects/list-objects.handler';
import { AbortMultipartUploadHandler } from './multipart/abort-multipart-upload/abort-multipart-upload.handler';
import { CompleteMultipartUploadHandler } from './multipart/complete-multipart-upload/complete-multipart-upload.handler';
import { CreateMultipartUploadHandler } from './multipart/create-multipart-upload/create-multipart-upload.handler';
import { ListMultipartUploadsHandler } from './multipart/list-multipart-uploads/list-multipart-uploads.handler';
import { ListPartsHandler } from './multipart/list-parts/list-parts.handler';
import { UploadPartCopyHandler } from './multipart/upload-part-copy/upload-part-copy.handler';
import { UploadPartHandler } from './multipart/upload-part/upload-part.handler';
import { DeleteObjectHandler } from './objects/delete-object/delete-object.handler';
import { DeleteObjectsHandler } from './objects/delete-objects/delete-objects.handler';
import { GetObjectRetentionHandler } from './objects/get-object-retention/get-object-retention.handler';
import { PutObjectRetentionHandler } from './objects/put-object-retention/put-object-retention.handler';
import { GetObjectLegalHoldHandler } from './objects/get-object-legal-hold/get-object-legal-hold.handler';
import { PutObjectLegalHoldHandler } from './objects/put-object-legal-hold/put-object-legal-hold.handler';
import { CopyObjectHandler } from './objects/copy-object/copy-object.handler';
import { DeleteObjectTaggingHandler } from './objects/delete-object-tagging/delete-object-tagging.handler';
import { GetObjectAttributesHandler } from './objects/get-object-attributes/get-object-attributes.handler';
import { GetObjectTaggingHandler } from './objects/get-object-tagging/get-object-tagging.handler';
import { PutObjectTaggingHandler } from './objects/put-object-tagging/put-object-tagging.handler';
import { GetObjectHandler } from './objects/get-object/get-object.handler';
import { HeadObjectHandler } from './objects/head-object/head-object.handler';
import { PostObjectHandler } from './objects/post-object/post-object.handler';
import { PutObjectHandler } from './objects/put-object/put-object.handler';
import { GetBucketAclHandler } from './buckets/get-bucket-acl/get-bucket-acl.handler';
import { PutBucketAclHandler } from './buckets/put-bucket-acl/put-bucket-acl.handler';
import { GetBucketOwnershipControlsHandler } from './buckets/get-bucket-ownership-controls/get-bucket-ownership-controls.handler';
import { PutBucketOwnershipControlsHandler } from './buckets/put-bucket-ownership-controls/put-bucket-ownership-controls.handler';
import { DeleteBucketOwnershipControlsHandler } from './buckets/delete-bucket-ownership-controls/delete-bucket-ownership-controls.handler';
import { GetPublicAccessBlockHandler } from './buckets/get-public-access-block/get-public-access-block.handler';
import { PutPublicAccessBlockHandler } from './buckets/put-public-access-block/put-public-access-block.handler';
import { DeletePublicAccessBlockHandler } from './buckets/delete-public-access-block/delete-public-access-block.handler';
import { GetBucketPolicyHandler } from './buckets/get-bucket-policy/get-bucket-policy.handler';
import { PutBucketPolicyHandler } from './buckets/put-bucket-policy/put-bucket-policy.handler';
import { DeleteBucketPolicyHandler } from './buckets/delete-bucket-policy/delete-bucket-policy.handler';
import { GetBucketPolicyStatusHandler } from './buckets/get-bucket-policy-status/get-bucket-policy-status.handler';
import { GetObjectAclHandler } from './objects/get-object-acl/get-object-acl.handler';
import { PutObjectAclHandler } from './objects/put-object-acl/put-object-acl.handler';
import { S3CommandBus } from './s3-command-bus';
import { AccessCheck } from '../s3/access/access-check';
import { NewObjectAcls } from './access/new-object-acls';
import { ACCESS_SETTINGS, AccessSettings } from './access/access-settings';
import { OBJECT_READS, ObjectReads } from './objects/object-reads';

/** One handler per S3 operation; they reach storage only through the Backend port. */
export const S3_HANDLERS = [
  ListBucketsHandler,
  CreateBucketHandler,
  HeadBucketHandler,
  DeleteBucketHandler,
  GetBucketLocationHandler,
  GetBucketVersioningHandler,
  PutBucketVersioningHandler,
  GetObjectLockConfigurationHandler,
  PutObjectLockConfigurationHandler,
  GetBucketTaggingHandler,
  PutBucketTaggingHandler,
  DeleteBucketTaggingHandler,
  GetBucketCorsHandler,
  PutBucketCorsHandler,
  DeleteBucketCorsHandler,
  PreflightRequestHandler,
  ListObjectsHandler,
  ListObjectsV2Handler,
  ListObjectVersionsHandler,
  PutObjectHandler,
  PostObjectHandler,
  GetObjectHandler,
  HeadObjectHandler,
  DeleteObjectHandler,
  DeleteObjectsHandler,
  GetObjectRetentionHandler,
  PutObjectRetentionHandler,
  GetObjectLegalHoldHandler,
  PutObjectLegalHoldHandler,
  CopyObjectHandler,
  GetObjectAttributesHandler,
  GetObjectTaggingHandler,
  PutObjectTaggingHandler,
  DeleteObjectTaggingHandler,
  CreateMultipartUploadHandler,
  UploadPartHandler,
  UploadPartCopyHandler,
  CompleteMultipartUploadHandler,
  AbortMultipartUploadHandler,
  ListMultipartUploadsHandler,
  ListPartsHandler,
  GetBucketAclHandler,
  PutBucketAclHandler,
  GetBucketOwnershipControlsHandler,
  PutBucketOwnershipControlsHandler,
  DeleteBucketOwnershipControlsHandler,
  GetPublicAccessBlockHandler,
  PutPublicAccessBlockHandler,
  DeletePublicAccessBlockHandler,
  GetBucketPolicyHandler,
  PutBucketPolicyHandler,
  DeleteBucketPolicyHandler,
  GetBucketPolicyStatusHandler,
  GetObjectAclHandler,
  PutObjectAclHandler,
];

@Module({
  imports: [CqrsModule],
  // The access check of the admission, and of the handlers that check more (copies' sources, DeleteObjects' keys).
  providers: [...S3_HANDLERS, S3CommandBus, AccessCheck, NewObjectAcls, { provide: ACCESS_SETTINGS, useClass: AccessSettings }, { provide: OBJECT_READS, useClass: ObjectReads }],
  exports: [S3CommandBus, AccessCheck],
})
export class OperationsModule {}
