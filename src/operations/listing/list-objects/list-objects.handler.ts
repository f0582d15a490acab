import { backendHandler } from '../../backend-handler';
import { ListObjectsCommand } from './list-objects.command';

export const ListObjectsHandler = backendHandler(ListObjectsCommand, async (backend, { input }) => {
  const [page, bucket] = await Promise.all([backend.listObjects(input), backend.headBucket({ bucket: input.bucket })]);
  return { ...page, owner: bucket.owner };
});
