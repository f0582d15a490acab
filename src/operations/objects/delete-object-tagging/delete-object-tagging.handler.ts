import { backendHandler } from '../../backend-handler';
import { DeleteObjectTaggingCommand } from './delete-object-tagging.command';

/** Removing the tags is replacing them with none. */
export const DeleteObjectTaggingHandler = backendHandler(DeleteObjectTaggingCommand, (backend, { input }) => backend.putObjectTagging({ ...input, tags: {} }));
