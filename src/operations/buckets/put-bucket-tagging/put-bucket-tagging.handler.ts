import { backendHandler } from '../../backend-handler';
import { PutBucketTaggingCommand } from './put-bucket-tagging.command';

export const PutBucketTaggingHandler = backendHandler(PutBucketTaggingCommand, (backend, { input }) => backend.putBucketTagging(input));
