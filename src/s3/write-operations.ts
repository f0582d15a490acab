import type { S3Operation } from './s3-operations';

/**
 * The operations --readonly refuses with AccessDenied: VersityGW's, those whose access check asks
 * for the WRITE or WRITE_ACP permission (s3api/controllers, auth.VerifyAccess) plus CreateBucket
 * (refused in its controller), and the writes VersityGW does not implement (lifecycle,
 * encryption, logging, notification, replication, request payment, acceleration, public access
block). Everything else
 * reads, SelectObjectContent and the CORS preflight among them.
 */
export const WRITE_OPERATIONS: ReadonlySet<S3Operation> = new Set<S3Operation>([
  'CreateBucket',
  'DeleteBucket',
  'DeleteObjects',
  'PutBucketAcl',
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'PutBucketTagging',
  'DeleteBucketTagging',
  'PutBucketCors',
  'DeleteBucketCors',
  'PutBucketVersioning',
  'PutBucketOwnershipControls',
  'DeleteBucketOwnershipControls',
  'PutObjectLockConfiguration',
  'PutBucketLifecycleConfiguration',
  'DeleteBucketLifecycle',
  'PutBucketWebsite',
  'DeleteBucketWebsite',
  'PutBucketEncryption',
  'DeleteBucketEncryption',
  'PutBucketLogging',
  'PutBucketNotificationConfiguration',
  'PutBucketReplication',
  'DeleteBucketReplication',
  'PutBucketRequestPayment',
  'PutBucketAccelerateConfiguration',
  'PutPublicAccessBlock',
  'DeletePublicAccessBlock',
  'PutObject',
  'PostObject',
  'DeleteObject',
  'CopyObject',
  'PutObjectAcl',
  'PutObjectTagging',
  'DeleteObjectTagging',
  'PutObjectRetention',
  'PutObjectLegalHold',
  'RestoreObject',
  'CreateMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
]);
