import { backendHandler } from '../../backend-handler';
import { HeadBucketCommand } from './head-bucket.command';

export const HeadBucketHandler = backendHandler(HeadBucketCommand, (backend, { input }) => backend.headBucket(input));
