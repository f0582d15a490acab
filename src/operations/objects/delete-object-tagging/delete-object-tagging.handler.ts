import { backendHandler } from '../../backend-handler';
import { DeleteObjectTaggingCommand } from './delete-object-tagging.command';

export const DeleteObjectTaggingHandler = backendHandler(DeleteObjectTaggingCommand, (backend, { input }) => backend.deleteObjectTagging(input));
