import { backendHandler } from '../../backend-handler';
import { PutObjectTaggingCommand } from './put-object-tagging.command';

export const PutObjectTaggingHandler = backendHandler(PutObjectTaggingCommand, (backend, { input }) => backend.putObjectTagging(input));
