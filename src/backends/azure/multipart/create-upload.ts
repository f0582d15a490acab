import { S3Error } from '../../../s3/errors/s3-error';
import type { CreateMultipartUploadInput, CreateMultipartUploadOutput } from '../../backend.types';
import { azureCall } from '../azure-call';
import { translated } from '../azure-errors';
import { blobHeaders, META } from '../azure-metadata';
import type { AzureStorage } from '../azure-storage';
import { newObjectMetadata } from '../objects';
import { markerName, newUploadId } from './upload-names';

/**
 * The upload's marker blob, with the metadata, content headers and tags the object will get, as
 * VersityGW makes it; the key goes with it (base64), for ListMultipartUploads and recovery.
 */
export async function createMultipartUpload(storage: AzureStorage, input: CreateMultipartUploadInput): Promise<CreateMultipartUploadOutput> {
  if (input.checksum !== undefined) throw new S3Error('NotImplemented', 'Multipart uploads with a checksum algorithm are not implemented by the azure backend');
  const uploadId = newUploadId();
  const marker = storage.blob(input.bucket, markerName(input.key, uploadId));
  const metadata = newObjectMetadata(input, { [META.key]: Buffer.from(input.key, 'utf8').toString('base64') });
  const tags = input.tagging !== undefined && Object.keys(input.tagging).length > 0 ? { tags: input.tagging } : {};
  const response = await translated('bucket', () => azureCall(input.trace, 'PutBlob', () => marker.upload('', 0, { metadata, blobHTTPHeaders: blobHeaders(input.metadata), ...tags })));
  return { uploadId, initiated: response.lastModified ?? new Date() };
}
