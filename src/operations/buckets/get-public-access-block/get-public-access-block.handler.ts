import { accessHandler } from '../../access/access-handler';
import { S3Error } from '../../../s3/errors/s3-error';
import { GetPublicAccessBlockCommand } from './get-public-access-block.command';

export const GetPublicAccessBlockHandler = accessHandler(GetPublicAccessBlockCommand, async ({ backend }, { input }) => {
  const { publicAccessBlock } = await backend.bucketAccess(input);
  if (publicAccessBlock === undefined) throw new S3Error('NoSuchPublicAccessBlockConfiguration', undefined, { BucketName: input.bucket });
  return publicAccessBlock;
});
