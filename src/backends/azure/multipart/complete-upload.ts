import { RestError } from '@azure/storage-blob';
import { S3Error } from '../../../s3/errors/s3-error';
import type { CompleteMultipartUploadInput, CompleteMultipartUploadOutput } from '../../backend.types';
import { unquoteEtag } from '../../common/etag';
import { MIN_PART_SIZE } from '../../posix/multipart/layout';
import { multipartEtag } from '../../posix/multipart/multipart-checksum';
import { azureCall } from '../azure-call';
import { toS3Error } from '../azure-errors';
import { lowerCased, META } from '../azure-metadata';
import type { AzureStorage } from '../azure-storage';
import { writeConditionsFor } from '../objects';
import { type PartRecord, readMarker, readMarkerTags, readParts } from './upload-records';

/** What a completion checks as S3 does: every listed part there with its ETag, all but the last at least 5 MiB. */
function checkListed(input: CompleteMultipartUploadInput, records: readonly PartRecord[]): PartRecord[] {
  const byNumber = new Map(records.map((record) => [record.partNumber, record]));
  const parts = input.parts.map((listed, i) => {
    const record = byNumber.get(listed.partNumber);
    if (record === undefined || record.etag !== unquoteEtag(listed.etag)) throw new S3Error('InvalidPart');
    if (i < input.parts.length - 1 && record.size < MIN_PART_SIZE) {
      throw new S3Error('EntityTooSmall', undefined, { ProposedSize: record.size, MinSizeAllowed: MIN_PART_SIZE, PartNumber: listed.partNumber });
    }
    return record;
  });
  const size = parts.reduce((sum, part) => sum + part.size, 0);
  if (input.objectSize !== undefined && input.objectSize !== size) {
    throw new S3Error('InvalidRequest', `The provided 'x-amz-mp-object-size' header value ${input.objectSize} does not match what was computed: ${size}`);
  }
  return parts;
}

/**
 * Put Block List of the listed parts' blocks, in order, with the marker's metadata, headers and
 * tags: the object appears whole in that one call, or not at all. The object remembers its S3 ETag
 * and the upload's id (recovery tells a finished completion by it); the marker and the part records
 * stay until releaseMultipartUpload.
 */
export async function completeMultipartUpload(storage: AzureStorage, input: CompleteMultipartUploadInput): Promise<CompleteMultipartUploadOutput> {
  const { bucket, key, uploadId, trace } = input;
  const marker = await readMarker(storage, bucket, key, uploadId, trace);
  const [tags, records] = await Promise.all([readMarkerTags(storage, bucket, key, uploadId, trace), readParts(storage, bucket, key, uploadId, trace)]);
  const parts = checkListed(input, records);
  const etag = multipartEtag(parts.map((part) => part.etag));
  const size = parts.reduce((sum, part) => sum + part.size, 0);
  const conditions = await writeConditionsFor(storage, bucket, key, input.writeConditions, trace);
  const metadata = lowerCased(marker.metadata);
  delete metadata[META.key.toLowerCase()];
  delete metadata[META.checksum.toLowerCase()];
  const blob = storage.blob(bucket, key);
  try {
    await azureCall(trace, 'PutBlockList', () =>
      blob.commitBlockList(
        parts.filter((part) => part.blockId !== '').map((part) => part.blockId),
        {
          metadata: { ...metadata, [META.etag]: etag, [META.uploadId]: uploadId },
          ...(Object.keys(tags).length > 0 ? { tags } : {}),
          blobHTTPHeaders: {
            blobContentType: marker.contentType,
            blobContentEncoding: marker.contentEncoding,
            blobContentDisposition: marker.contentDisposition,
            blobContentLanguage: marker.contentLanguage,
            blobCacheControl: marker.cacheControl,
          },
          conditions,
        },
      ),
    );
  } catch (error) {
    // The blocks are gone: another write of the key (a PUT, another completion) committed its own.
    if (error instanceof RestError && error.code === 'InvalidBlockList') throw new S3Error('InvalidPart', undefined, {}, { cause: error });
    throw toS3Error(error, 'object');
  }
  return { etag, size };
}
