import { accessHandler } from '../../access/access-handler';
import { S3Error } from '../../../s3/errors/s3-error';
import { GetBucketOwnershipControlsCommand } from './get-bucket-ownership-controls.command';

export const GetBucketOwnershipControlsHandler = accessHandler(GetBucketOwnershipControlsCommand, async ({ backend }, { input }) => {
  const { ownership } = await backend.bucketAccess(input);
  if (ownership === undefined) throw new S3Error('OwnershipControlsNotFoundError', undefined, { BucketName: input.bucket });
  return ownership;
});
