import type { MultipartStorageRecovery, UploadInput } from '../../backend.types';
import { createLimiter } from '../../posix/listing/limiter';
import { azureCall } from '../azure-call';
import { isNotFound, toS3Error, translated } from '../azure-errors';
import { META, reserved } from '../azure-metadata';
import type { AzureStorage } from '../azure-storage';
import type { SpanParent } from '../../../telemetry/with-span';
import { uploadsOf } from './upload-listing';
import { markerName, partRecordName } from './upload-names';
import { readMarker, readParts } from './upload-records';

/** Deletes run this many at a time: an upload may have 10,000 part records. */
const DELETES_AT_ONCE = 16;

async function deleteIfThere(storage: AzureStorage, bucket: string, name: string, trace: SpanParent): Promise<void> {
  const blob = storage.blob(bucket, name);
  try {
    await azureCall(trace, 'DeleteBlob', () => blob.delete());
  } catch (error) {
    if (!isNotFound(error)) throw toS3Error(error, 'upload');
  }
}

/** The part records first, the marker last: an upload half removed is still an upload, and is removed again. */
async function removeUpload(storage: AzureStorage, input: UploadInput): Promise<void> {
  const parts = await readParts(storage, input.bucket, input.key, input.uploadId, input.trace).catch(() => []);
  const limit = createLimiter(DELETES_AT_ONCE);
  await Promise.all(parts.map((part) => limit(() => deleteIfThere(storage, input.bucket, partRecordName(input.key, input.uploadId, part.partNumber), input.trace))));
  await deleteIfThere(storage, input.bucket, markerName(input.key, input.uploadId), input.trace);
}

/** After a completion: the object holds the blocks now, only the records are left. Succeeds when they are gone. */
export function releaseMultipartUpload(storage: AzureStorage, input: UploadInput): Promise<void> {
  return removeUpload(storage, input);
}

/**
 * NoSuchUpload without the marker. The staged blocks cannot be deleted one by one: Azure drops
 * uncommitted blocks at the blob's next commit, or after a week.
 */
export async function abortMultipartUpload(storage: AzureStorage, input: UploadInput): Promise<void> {
  await readMarker(storage, input.bucket, input.key, input.uploadId, input.trace);
  await removeUpload(storage, input);
}

/**
 * What a crash left: a completion whose Put Block List went through but whose marker was not
 * removed is finished (the object names the upload in its metadata); anything else in the area
 * stays an upload in flight. Entries that belong to no upload are reported, not removed.
 */
export async function recoverMultipartStorage(storage: AzureStorage): Promise<MultipartStorageRecovery> {
  const recovery: MultipartStorageRecovery = { completions: [], removedUnfinished: [], stray: [] };
  for await (const container of storage.service.listContainers()) {
    const { uploads, stray } = await uploadsOf(storage, container.name, undefined);
    recovery.stray.push(...stray);
    for (const upload of uploads) {
      const object = await translated('object', () => azureCall(undefined, 'GetBlobProperties', () => storage.blob(upload.bucket, upload.key).getProperties())).catch(() => undefined);
      if (object === undefined || reserved(object.metadata, META.uploadId) !== upload.uploadId) continue;
      const etag = reserved(object.metadata, META.etag) ?? '';
      recovery.completions.push({ bucket: upload.bucket, key: upload.key, uploadId: upload.uploadId, outcome: 'finished', etag, size: object.contentLength ?? 0, partCount: Number(etag.split('-')[1] ?? 0) });
    }
  }
  return recovery;
}
