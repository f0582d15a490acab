import { backendHandler } from '../../backend-handler';
import { GetObjectTaggingCommand } from './get-object-tagging.command';

export const GetObjectTaggingHandler = backendHandler(GetObjectTaggingCommand, (backend, { input }) => backend.getObjectTagging(input));
