import type { Backend, CompleteMultipartUploadInput, CompleteMultipartUploadOutput } from '../../../backends/backend';
import type { MultipartJournal } from '../../../multipart/multipart-journal';
import { S3Error } from '../../../s3/errors/s3-error';

/**
 * The answer to a Complete of an upload this node already completed (the client timed out on
 * the first answer and tried again): the same result, as AWS gives, while the key still holds
 * the object that completion made. Anything else (never completed here, the object since
 * replaced or deleted) stays NoSuchUpload.
 */
export async function retriedCompletion(
  backend: Backend,
  journal: MultipartJournal,
  input: CompleteMultipartUploadInput,
  noSuchUpload: S3Error,
): Promise<CompleteMultipartUploadOutput> {
  const completed = journal.completion(input);
  if (!completed) throw noSuchUpload;
  const current = await backend.headObject({ bucket: input.bucket, key: input.key, conditions: {} }).catch(() => undefined);
  const info = current?.info;
  if (!info || info.etag !== completed.etag || info.size !== completed.size) throw noSuchUpload;
  return info.checksum ? { etag: info.etag, size: info.size, checksum: info.checksum } : { etag: info.etag, size: info.size };
}
