import { backendHandler } from '../../backend-handler';
import { decodeContinuationToken, encodeContinuationToken } from './continuation-token';
import { ListObjectsV2Command } from './list-objects-v2.command';

/** V2 differs from V1 only in how a page is resumed: an opaque token beats start-after. */
export const ListObjectsV2Handler = backendHandler(ListObjectsV2Command, async (backend, { input }) => {
  const { bucket, prefix, delimiter, maxKeys, continuationToken, startAfter } = input;
  const marker = continuationToken !== undefined ? decodeContinuationToken(continuationToken) : (startAfter ?? '');
  const page = await backend.listObjects({ bucket, prefix, delimiter, marker, maxKeys });
  const owner = input.fetchOwner ? (await backend.headBucket({ bucket })).owner : undefined;
  const nextContinuationToken = page.isTruncated && page.nextMarker !== undefined ? encodeContinuationToken(page.nextMarker) : undefined;
  return { ...page, nextContinuationToken, owner };
});
