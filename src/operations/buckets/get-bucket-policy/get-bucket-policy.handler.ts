import { accessHandler } from '../../access/access-handler';
import { S3Error } from '../../../s3/errors/s3-error';
import { GetBucketPolicyCommand } from './get-bucket-policy.command';

export const GetBucketPolicyHandler = accessHandler(GetBucketPolicyCommand, async ({ backend }, { input }) => {
  const { policy } = await backend.bucketAccess(input);
  if (policy === undefined) throw new S3Error('NoSuchBucketPolicy', undefined, { BucketName: input.bucket });
  return policy;
});
