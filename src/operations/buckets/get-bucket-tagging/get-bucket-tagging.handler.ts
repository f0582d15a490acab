import { S3Error } from '../../../s3/errors/s3-error';
import { backendHandler } from '../../backend-handler';
import { GetBucketTaggingCommand } from './get-bucket-tagging.command';

/** A bucket without tags has no tag set at all: AWS answers NoSuchTagSet, not an empty one. */
export const GetBucketTaggingHandler = backendHandler(GetBucketTaggingCommand, async (backend, { input }) => {
  const tags = await backend.getBucketTagging(input);
  if (Object.keys(tags).length === 0) throw new S3Error('NoSuchTagSet');
  return tags;
});
