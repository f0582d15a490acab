import { backendHandler } from '../../backend-handler';
import { DeleteBucketTaggingCommand } from './delete-bucket-tagging.command';

export const DeleteBucketTaggingHandler = backendHandler(DeleteBucketTaggingCommand, (backend, { input }) => backend.deleteBucketTagging(input));
