import { toS3Error } from '../s3/errors/to-s3-error';
import type { Backend } from './backend';
import type { DeletedObject, DeleteObjectsInput, ListObjectsV2Input, ListObjectsV2Output, ObjectToDelete } from './backend.types';
import { decodeContinuationToken, encodeContinuationToken } from './common/continuation-token';

/*
 * The operations a backend without a native call of its own answers by composing others: the
 * defaults of BackendBase. A backend with the native call (an upstream S3's DeleteObjects and
 * ListObjectsV2, Azure's hierarchical listing) overrides the port method and passes it through.
 */

/** Deletes running at once: a thousand keys finish in a fraction of the time one by one takes. */
const DELETES_AT_ONCE = 8;

/**
 * Multi-Object Delete as VersityGW's posix backend does it: each key is a DeleteObject of its own,
 * and a key that fails is reported with its error instead of failing the batch; a key that does
 * not exist counts as deleted. A missing bucket fails the batch as a whole (NoSuchBucket), as on
 * AWS, also when it names no key.
 */
export async function deleteEachObject(backend: Backend, input: DeleteObjectsInput): Promise<DeletedObject[]> {
  const { bucket, objects, trace } = input;
  await backend.headBucket({ bucket, trace });
  const outcomes: DeletedObject[] = new Array(objects.length);
  let next = 0;
  const deleteOne = async (object: ObjectToDelete): Promise<DeletedObject> => {
    try {
      return { ...object, deleted: await backend.deleteObject({ bucket, trace, ...object }) };
    } catch (error) {
      return { ...object, error: toS3Error(error) };
    }
  };
  const worker = async (): Promise<void> => {
    while (next < objects.length) {
      const index = next++;
      outcomes[index] = await deleteOne(objects[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELETES_AT_ONCE, objects.length) }, worker));
  return outcomes;
}

/** ListObjectsV2 as a marker listing: V2 differs from V1 only in how a page is resumed (an opaque token beats start-after). */
export async function listObjectsV2ByMarker(backend: Backend, input: ListObjectsV2Input): Promise<ListObjectsV2Output> {
  const { bucket, prefix, delimiter, maxKeys, continuationToken, startAfter, trace } = input;
  const marker = continuationToken !== undefined ? decodeContinuationToken(continuationToken) : (startAfter ?? '');
  const page = await backend.listObjects({ bucket, prefix, delimiter, marker, maxKeys, fetchOwner: input.fetchOwner, trace });
  const owner = input.fetchOwner ? (await backend.headBucket({ bucket, trace })).owner : undefined;
  const nextContinuationToken = page.isTruncated && page.nextMarker !== undefined ? encodeContinuationToken(page.nextMarker) : undefined;
  return { ...page, nextContinuationToken, owner };
}
