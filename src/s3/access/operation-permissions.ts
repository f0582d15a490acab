import type { AclPermission } from '../../backends/backend';
import type { S3Operation } from '../s3-operations';
import type { S3Action } from './policy/s3-actions';

/**
 * What an operation on a bucket asks of its caller: the policy action (AWS's name for it), and the
 * ACL permission that grants it, on the bucket's ACL or the object's. Operations without an ACL
 * permission are the owner's, or whoever a policy allows. `ownerAlways`: the owner may do it even
 * when the policy denies it, so that no policy can lock its owner out of changing the policy (as
 * AWS keeps the account root able to).
 */
export interface OperationPermission {
  action: S3Action;
  acl?: { permission: AclPermission; on: 'bucket' | 'object' };
  ownerAlways?: true;
}

const onBucket = (action: S3Action, permission?: AclPermission): OperationPermission =>
  permission === undefined ? { action } : { action, acl: { permission, on: 'bucket' } };
const onObject = (action: S3Action, permission: AclPermission): OperationPermission => ({ action, acl: { permission, on: 'object' } });

/** AWS's mapping of operations to actions and ACL permissions (its "ACL permissions" and "policy actions" tables). */
export const OPERATION_PERMISSIONS: Partial<Readonly<Record<S3Operation, OperationPermission>>> = {
  HeadBucket: onBucket('s3:ListBucket', 'READ'),
  ListObjects: onBucket('s3:ListBucket', 'READ'),
  ListObjectsV2: onBucket('s3:ListBucket', 'READ'),
  ListObjectVersions: onBucket('s3:ListBucketVersions', 'READ'),
  ListMultipartUploads: onBucket('s3:ListBucketMultipartUploads', 'READ'),
  DeleteBucket: onBucket('s3:DeleteBucket'),
  GetBucketLocation: onBucket('s3:GetBucketLocation'),
  GetBucketAcl: onBucket('s3:GetBucketAcl', 'READ_ACP'),
  PutBucketAcl: onBucket('s3:PutBucketAcl', 'WRITE_ACP'),
  GetBucketPolicy: { action: 's3:GetBucketPolicy', ownerAlways: true },
  PutBucketPolicy: { action: 's3:PutBucketPolicy', ownerAlways: true },
  DeleteBucketPolicy: { action: 's3:DeleteBucketPolicy', ownerAlways: true },
  GetBucketPolicyStatus: onBucket('s3:GetBucketPolicyStatus'),
  GetBucketTagging: onBucket('s3:GetBucketTagging'),
  PutBucketTagging: onBucket('s3:PutBucketTagging'),
  DeleteBucketTagging: onBucket('s3:PutBucketTagging'),
  GetBucketCors: onBucket('s3:GetBucketCORS'),
  PutBucketCors: onBucket('s3:PutBucketCORS'),
  DeleteBucketCors: onBucket('s3:PutBucketCORS'),
  GetBucketVersioning: onBucket('s3:GetBucketVersioning'),
  PutBucketVersioning: onBucket('s3:PutBucketVersioning'),
  GetBucketOwnershipControls: onBucket('s3:GetBucketOwnershipControls'),
  PutBucketOwnershipControls: onBucket('s3:PutBucketOwnershipControls'),
  DeleteBucketOwnershipControls: onBucket('s3:PutBucketOwnershipControls'),
  GetPublicAccessBlock: { action: 's3:GetBucketPublicAccessBlock', ownerAlways: true },
  PutPublicAccessBlock: { action: 's3:PutBucketPublicAccessBlock', ownerAlways: true },
  DeletePublicAccessBlock: { action: 's3:PutBucketPublicAccessBlock', ownerAlways: true },
  GetObjectLockConfiguration: onBucket('s3:GetBucketObjectLockConfiguration'),
  PutObjectLockConfiguration: onBucket('s3:PutBucketObjectLockConfiguration'),
  GetBucketLifecycleConfiguration: onBucket('s3:GetLifecycleConfiguration'),
  PutBucketLifecycleConfiguration: onBucket('s3:PutLifecycleConfiguration'),
  DeleteBucketLifecycle: onBucket('s3:PutLifecycleConfiguration'),
  GetBucketWebsite: onBucket('s3:GetBucketWebsite'),
  PutBucketWebsite: onBucket('s3:PutBucketWebsite'),
  DeleteBucketWebsite: onBucket('s3:DeleteBucketWebsite'),
  GetBucketEncryption: onBucket('s3:GetEncryptionConfiguration'),
  PutBucketEncryption: onBucket('s3:PutEncryptionConfiguration'),
  DeleteBucketEncryption: onBucket('s3:PutEncryptionConfiguration'),
  GetBucketLogging: onBucket('s3:GetBucketLogging'),
  PutBucketLogging: onBucket('s3:PutBucketLogging'),
  GetBucketNotificationConfiguration: onBucket('s3:GetBucketNotification'),
  PutBucketNotificationConfiguration: onBucket('s3:PutBucketNotification'),
  GetBucketReplication: onBucket('s3:GetReplicationConfiguration'),
  PutBucketReplication: onBucket('s3:PutReplicationConfiguration'),
  DeleteBucketReplication: onBucket('s3:PutReplicationConfiguration'),
  GetBucketRequestPayment: onBucket('s3:GetBucketRequestPayment'),
  PutBucketRequestPayment: onBucket('s3:PutBucketRequestPayment'),
  GetBucketAccelerateConfiguration: onBucket('s3:GetAccelerateConfiguration'),
  PutBucketAccelerateConfiguration: onBucket('s3:PutAccelerateConfiguration'),
  PutObject: onBucket('s3:PutObject', 'WRITE'),
  PostObject: onBucket('s3:PutObject', 'WRITE'),
  CopyObject: onBucket('s3:PutObject', 'WRITE'),
  CreateMultipartUpload: onBucket('s3:PutObject', 'WRITE'),
  UploadPart: onBucket('s3:PutObject', 'WRITE'),
  UploadPartCopy: onBucket('s3:PutObject', 'WRITE'),
  CompleteMultipartUpload: onBucket('s3:PutObject', 'WRITE'),
  AbortMultipartUpload: onBucket('s3:AbortMultipartUpload', 'WRITE'),
  ListParts: onBucket('s3:ListMultipartUploadParts', 'READ'),
  DeleteObject: onBucket('s3:DeleteObject', 'WRITE'),
  DeleteObjects: onBucket('s3:DeleteObject', 'WRITE'),
  GetObject: onObject('s3:GetObject', 'READ'),
  HeadObject: onObject('s3:GetObject', 'READ'),
  GetObjectAttributes: onObject('s3:GetObjectAttributes', 'READ'),
  GetObjectAcl: onObject('s3:GetObjectAcl', 'READ_ACP'),
  PutObjectAcl: onObject('s3:PutObjectAcl', 'WRITE_ACP'),
  GetObjectTagging: onBucket('s3:GetObjectTagging'),
  PutObjectTagging: onBucket('s3:PutObjectTagging'),
  DeleteObjectTagging: onBucket('s3:DeleteObjectTagging'),
  GetObjectRetention: onBucket('s3:GetObjectRetention'),
  PutObjectRetention: onBucket('s3:PutObjectRetention'),
  GetObjectLegalHold: onBucket('s3:GetObjectLegalHold'),
  PutObjectLegalHold: onBucket('s3:PutObjectLegalHold'),
  RestoreObject: onBucket('s3:RestoreObject'),
};
