import { backendHandler } from '../../backend-handler';
import { DeleteBucketTaggingCommand } from './delete-bucket-tagging.command';

/** Removing the tags is replacing them with none. */
export const DeleteBucketTaggingHandler = backendHandler(DeleteBucketTaggingCommand, (backend, { input }) => backend.putBucketTagging({ ...input, tags: {} }));
