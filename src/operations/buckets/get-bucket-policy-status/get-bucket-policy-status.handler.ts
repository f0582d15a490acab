import { accessHandler } from '../../access/access-handler';
import { S3Error } from '../../../s3/errors/s3-error';
import { bucketAccessState } from '../../../s3/access/bucket-access-state';
import { GetBucketPolicyStatusCommand } from './get-bucket-policy-status.command';

export const GetBucketPolicyStatusHandler = accessHandler(GetBucketPolicyStatusCommand, async ({ backend }, { input }) => {
  const config = await backend.bucketAccess(input);
  if (config.policy === undefined) throw new S3Error('NoSuchBucketPolicy', undefined, { BucketName: input.bucket });
  return { isPublic: bucketAccessState(input.bucket, config).policy?.isPublic === true };
});
