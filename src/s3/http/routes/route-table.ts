import type { S3Operation } from '../../s3-operations';
import { abortMultipartUploadRoute } from './abort-multipart-upload.route';
import { completeMultipartUploadRoute } from './complete-multipart-upload.route';
import { copyObjectRoute } from './copy-object.route';
import { deleteBucketCorsRoute } from './delete-bucket-cors.route';
import { deleteBucketTaggingRoute } from './delete-bucket-tagging.route';
import { deleteObjectTaggingRoute } from './delete-object-tagging.route';
import { getBucketCorsRoute } from './get-bucket-cors.route';
import { getBucketTaggingRoute } from './get-bucket-tagging.route';
import { preflightRequestRoute } from './preflight-request.route';
import { putBucketCorsRoute } from './put-bucket-cors.route';
import { putBucketTaggingRoute } from './put-bucket-tagging.route';
import { getObjectTaggingRoute } from './get-object-tagging.route';
import { putObjectTaggingRoute } from './put-object-tagging.route';
import { createMultipartUploadRoute } from './create-multipart-upload.route';
import { createBucketRoute } from './create-bucket.route';
import { deleteBucketRoute } from './delete-bucket.route';
import { deleteObjectRoute } from './delete-object.route';
import { deleteObjectsRoute } from './delete-objects.route';
import { getBucketLocationRoute } from './get-bucket-location.route';
import { getBucketVersioningRoute } from './get-bucket-versioning.route';
import { getObjectAttributesRoute } from './get-object-attributes.route';
import { getObjectRoute } from './get-object.route';
import { headBucketRoute } from './head-bucket.route';
import { headObjectRoute } from './head-object.route';
import { listBucketsRoute } from './list-buckets.route';
import { listMultipartUploadsRoute } from './list-multipart-uploads.route';
import { listObjectVersionsRoute } from './list-object-versions.route';
import { listObjectsV2Route } from './list-objects-v2.route';
import { listObjectsRoute } from './list-objects.route';
import { listPartsRoute } from './list-parts.route';
import { putBucketVersioningRoute } from './put-bucket-versioning.route';
import { getObjectLockConfigurationRoute } from './get-object-lock-configuration.route';
import { putObjectLockConfigurationRoute } from './put-object-lock-configuration.route';
import { getObjectRetentionRoute } from './get-object-retention.route';
import { putObjectRetentionRoute } from './put-object-retention.route';
import { getObjectLegalHoldRoute } from './get-object-legal-hold.route';
import { putObjectLegalHoldRoute } from './put-object-legal-hold.route';
import { postObjectRoute } from './post-object.route';
import { putObjectRoute } from './put-object.route';
import { getBucketAclRoute } from './get-bucket-acl.route';
import { putBucketAclRoute } from './put-bucket-acl.route';
import { getObjectAclRoute } from './get-object-acl.route';
import { putObjectAclRoute } from './put-object-acl.route';
import { getBucketOwnershipControlsRoute } from './get-bucket-ownership-controls.route';
import { putBucketOwnershipControlsRoute } from './put-bucket-ownership-controls.route';
import { deleteBucketOwnershipControlsRoute } from './delete-bucket-ownership-controls.route';
import { getPublicAccessBlockRoute } from './get-public-access-block.route';
import { putPublicAccessBlockRoute } from './put-public-access-block.route';
import { deletePublicAccessBlockRoute } from './delete-public-access-block.route';
import { getBucketPolicyRoute } from './get-bucket-policy.route';
import { putBucketPolicyRoute } from './put-bucket-policy.route';
import { deleteBucketPolicyRoute } from './delete-bucket-policy.route';
import { getBucketPolicyStatusRoute } from './get-bucket-policy-status.route';
import type { S3Route } from './s3-route';
import { uploadPartCopyRoute } from './upload-part-copy.route';
import { uploadPartRoute } from './upload-part.route';

export type RouteTable = ReadonlyMap<S3Operation, S3Route<unknown>>;

/** The implemented operations. An operation the resolver knows but this table lacks answers NotImplemented. */
export function buildRouteTable(options: { region: string }): RouteTable {
  const routes: S3Route<unknown>[] = [
    listBucketsRoute(options.region),
    createBucketRoute,
    headBucketRoute(options.region),
    deleteBucketRoute,
    getBucketLocationRoute,
    getBucketVersioningRoute,
    putBucketVersioningRoute,
    getObjectLockConfigurationRoute,
    putObjectLockConfigurationRoute,
    getBucketTaggingRoute,
    putBucketTaggingRoute,
    deleteBucketTaggingRoute,
    getBucketCorsRoute,
    putBucketCorsRoute,
    deleteBucketCorsRoute,
    preflightRequestRoute,
    listObjectsRoute,
    listObjectsV2Route,
    listObjectVersionsRoute,
    putObjectRoute,
    postObjectRoute,
    getObjectRoute,
    headObjectRoute,
    getObjectAttributesRoute,
    deleteObjectRoute,
    deleteObjectsRoute,
    copyObjectRoute,
    getObjectTaggingRoute,
    putObjectTaggingRoute,
    deleteObjectTaggingRoute,
    getObjectRetentionRoute,
    putObjectRetentionRoute,
    getObjectLegalHoldRoute,
    putObjectLegalHoldRoute,
    createMultipartUploadRoute,
    uploadPartRoute,
    uploadPartCopyRoute,
    completeMultipartUploadRoute,
    abortMultipartUploadRoute,
    listMultipartUploadsRoute,
    listPartsRoute,
    getBucketAclRoute,
    putBucketAclRoute,
    getObjectAclRoute,
    putObjectAclRoute,
    getBucketOwnershipControlsRoute,
    putBucketOwnershipControlsRoute,
    deleteBucketOwnershipControlsRoute,
    getPublicAccessBlockRoute,
    putPublicAccessBlockRoute,
    deletePublicAccessBlockRoute,
    getBucketPolicyRoute,
    putBucketPolicyRoute,
    deleteBucketPolicyRoute,
    getBucketPolicyStatusRoute,
  ] as S3Route<unknown>[];
  return new Map(routes.map((route) => [route.operation, route]));
}
