import { Logger } from '@nestjs/common';
import { toS3Error } from '../../../s3/errors/to-s3-error';
import { versionedHandler } from '../../versioned-handler';
import { type DeleteOutcome, DeleteObjectsCommand, type ObjectToDelete } from './delete-objects.command';

/** Deletes running at once: a thousand keys finish in a fraction of the time one by one takes. */
const DELETES_AT_ONCE = 8;

const logger = new Logger('S3');

/**
 * Multi-Object Delete, VersityGW's way and AWS's: each key is a DeleteObject of its own, and a
 * key that fails is reported in the result with its error instead of failing the request; a key
 * that does not exist counts as deleted. A missing bucket fails the request as a whole
 * (NoSuchBucket), as on AWS; the caller's rights were checked before the command, once for all keys.
 */
export const DeleteObjectsHandler = versionedHandler(DeleteObjectsCommand, async (backend, versions, command) => {
  const { input } = command;
  await backend.headBucket({ bucket: input.bucket });
  const outcomes: DeleteOutcome[] = new Array(input.objects.length);
  let next = 0;
  const deleteOne = async (object: ObjectToDelete): Promise<DeleteOutcome> => {
    try {
      const target = { bucket: input.bucket, key: object.key, ...(object.versionId === undefined ? {} : { versionId: object.versionId }) };
      const result = await backend.deleteObject(target);
      versions.deleted(command, target, result);
      const { deleteMarker, versionId } = result;
      // A delete marker made (no version named) or removed (named) is reported as AWS does.
      return deleteMarker ? { ...object, deleted: true, deleteMarker: true, ...(versionId === undefined ? {} : { deleteMarkerVersionId: versionId }) } : { ...object, deleted: true };
    } catch (error) {
      const { code, message, cause } = toS3Error(error);
      // The request succeeds whatever one key met: an unexpected failure would go unseen otherwise.
      if (code === 'InternalError') logger.error(`DeleteObjects ${input.bucket}/${object.key}: ${cause instanceof Error ? cause.stack : String(cause)}`);
      return { ...object, deleted: false, code, message };
    }
  };
  const worker = async (): Promise<void> => {
    while (next < input.objects.length) {
      const index = next++;
      outcomes[index] = await deleteOne(input.objects[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DELETES_AT_ONCE, input.objects.length) }, worker));
  return { outcomes, quiet: input.quiet };
});
