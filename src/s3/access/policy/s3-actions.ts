/**
 * The actions a bucket policy may name: VersityGW's list (auth/bucket_policy_actions.go) with the
 * public access block's, which AWS names s3:PutBucketPublicAccessBlock and
 * s3:GetBucketPublicAccessBlock. Object actions need an object resource (`bucket/key`), the others
 * the bucket: a statement whose resources fit none of its actions is refused when written.
 */
const OBJECT_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
  's3:PutObject',
  's3:GetObject',
  's3:GetObjectVersion',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:GetObjectAcl',
  's3:GetObjectVersionAcl',
  's3:GetObjectAttributes',
  's3:GetObjectVersionAttributes',
  's3:PutObjectAcl',
  's3:PutObjectVersionAcl',
  's3:RestoreObject',
  's3:GetObjectTagging',
  's3:GetObjectVersionTagging',
  's3:PutObjectTagging',
  's3:PutObjectVersionTagging',
  's3:DeleteObjectTagging',
  's3:DeleteObjectVersionTagging',
  's3:GetObjectLegalHold',
  's3:PutObjectLegalHold',
  's3:GetObjectRetention',
  's3:PutObjectRetention',
  's3:BypassGovernanceRetention',
] as const;

const BUCKET_ACTIONS = [
  's3:CreateBucket',
  's3:DeleteBucket',
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:ListBucketMultipartUploads',
  's3:GetBucketAcl',
  's3:PutBucketAcl',
  's3:GetBucketVersioning',
  's3:PutBucketVersioning',
  's3:GetBucketPolicy',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:GetBucketPolicyStatus',
  's3:GetBucketTagging',
  's3:PutBucketTagging',
  's3:GetBucketObjectLockConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:GetBucketOwnershipControls',
  's3:PutBucketOwnershipControls',
  's3:GetBucketPublicAccessBlock',
  's3:PutBucketPublicAccessBlock',
  's3:GetBucketCORS',
  's3:PutBucketCORS',
  's3:GetBucketLocation',
  's3:GetEncryptionConfiguration',
  's3:PutEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  's3:PutLifecycleConfiguration',
  's3:GetBucketLogging',
  's3:PutBucketLogging',
  's3:GetBucketNotification',
  's3:PutBucketNotification',
  's3:GetReplicationConfiguration',
  's3:PutReplicationConfiguration',
  's3:GetBucketRequestPayment',
  's3:PutBucketRequestPayment',
  's3:GetAccelerateConfiguration',
  's3:PutAccelerateConfiguration',
  's3:GetBucketWebsite',
  's3:PutBucketWebsite',
  's3:DeleteBucketWebsite',
  's3:GetAnalyticsConfiguration',
  's3:PutAnalyticsConfiguration',
  's3:GetInventoryConfiguration',
  's3:PutInventoryConfiguration',
  's3:GetMetricsConfiguration',
  's3:PutMetricsConfiguration',
  's3:GetIntelligentTieringConfiguration',
  's3:PutIntelligentTieringConfiguration',
] as const;

export type ObjectAction = (typeof OBJECT_ACTIONS)[number];
export type BucketAction = (typeof BUCKET_ACTIONS)[number];
export type S3Action = ObjectAction | BucketAction;

/** Every action, lower-cased as policies are matched (IAM action names ignore case). */
export const ALL_ACTIONS: readonly S3Action[] = [...OBJECT_ACTIONS, ...BUCKET_ACTIONS];
const OBJECT_ACTION_SET: ReadonlySet<string> = new Set(OBJECT_ACTIONS.map((a) => a.toLowerCase()));

export function isObjectAction(action: string): boolean {
  return OBJECT_ACTION_SET.has(action.toLowerCase());
}
