import { backendHandler } from '../../backend-handler';
import { DeleteBucketCommand } from './delete-bucket.command';

export const DeleteBucketHandler = backendHandler(DeleteBucketCommand, (backend, { input }) => backend.deleteBucket(input));
