import { backendHandler } from '../../backend-handler';
import { PutBucketVersioningCommand } from './put-bucket-versioning.command';

export const PutBucketVersioningHandler = backendHandler(PutBucketVersioningCommand, (backend, { input }) => backend.putBucketVersioning(input));
