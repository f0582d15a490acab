import { S3Error } from '../../s3/errors/s3-error';
import type { CopyObjectInput, CopyObjectOutput } from '../backend.types';
import { checkSourceConditions } from '../posix/copy-source';
import { azureCall } from './azure-call';
import { translated } from './azure-errors';
import { blobHeaders, META, objectMetadata, ownEntries } from './azure-metadata';
import type { AzureStorage } from './azure-storage';
import { describeBlob, newObjectMetadata, onlyNullVersion, writeConditionsFor } from './objects';

/** S3's limit for one CopyObject, as the posix backend keeps it. */
const MAX_COPY_BYTES = 5 * 1024 ** 3;
/** Copy Blob From URL copies at most 256 MiB in one call; a larger source is copied by Copy Blob, polled until done. */
const SYNC_COPY_BYTES = 256 * 1024 * 1024;

const SELF_COPY =
  "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.";

/**
 * CopyObject as a copy inside the service: the data never passes through the gateway. The copy
 * keeps the source's ETag (its Content-MD5 travels with the data; a multipart source's recorded
 * ETag is carried over), gets the source's metadata and content headers or the request's, the
 * source's tags or the request's, and its own ACL only. A copy onto itself changes the blob's
 * metadata, headers and tags where it is.
 */
export async function copyObject(storage: AzureStorage, input: CopyObjectInput): Promise<CopyObjectOutput> {
  onlyNullVersion(input.source);
  if (input.checksumAlgorithm !== undefined) throw new S3Error('NotImplemented', 'A copy with a checksum algorithm is not implemented by the azure backend');
  const source = await describeBlob(storage, input.source.bucket, input.source.key, input.trace);
  checkSourceConditions(source.info, input.conditions);
  if (source.info.size > MAX_COPY_BYTES) throw new S3Error('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_BYTES}`);
  const onItself = input.source.bucket === input.bucket && input.source.key === input.key;
  if (onItself && input.metadataDirective === 'COPY' && input.taggingDirective === 'COPY') throw new S3Error('InvalidRequest', SELF_COPY);

  const metadata = input.metadataDirective === 'REPLACE' ? input.metadata : objectMetadata(source.blob);
  const carried = ownEntries(source.blob.metadata, [META.etag]);
  const destination = storage.blob(input.bucket, input.key);
  const tags = input.taggingDirective === 'REPLACE' ? (input.tagging ?? {}) : undefined;
  let lastModified: Date | undefined;
  if (onItself) {
    await translated('object', () =>
      azureCall(input.trace, 'SetBlobMetadata', () => destination.setMetadata(newObjectMetadata({ metadata, acl: input.acl }, carried), { conditions: { ifMatch: source.azureEtag } })),
    );
    if (tags !== undefined) await translated('object', () => azureCall(input.trace, 'SetBlobTags', () => destination.setTags(tags)));
  } else {
    const conditions = await writeConditionsFor(storage, input.bucket, input.key, undefined, input.trace);
    const url = await storage.readableUrl(input.source.bucket, input.source.key);
    const options = {
      metadata: newObjectMetadata({ metadata, acl: input.acl }, carried),
      sourceConditions: { ifMatch: source.azureEtag },
      conditions,
      ...(tags === undefined ? { copySourceTags: 'COPY' as const } : { tags }),
    };
    if (source.info.size <= SYNC_COPY_BYTES) {
      lastModified = (await translated('object', () => azureCall(input.trace, 'CopyBlobFromURL', () => destination.syncCopyFromURL(url, options)))).lastModified;
    } else {
      const poller = await translated('object', () => azureCall(input.trace, 'CopyBlobFromURL', () => destination.beginCopyFromURL(url, { ...options, sourceConditions: options.sourceConditions })));
      lastModified = (await translated('object', () => poller.pollUntilDone())).lastModified;
    }
  }
  // Copy Blob keeps the source's content headers: a replaced set is written after it.
  if (onItself || input.metadataDirective === 'REPLACE') {
    // Set Blob Properties clears what it is not given, Content-MD5 (the ETag) included.
    const headers = { ...blobHeaders(metadata), blobContentMD5: source.blob.contentMD5 };
    lastModified = (await translated('object', () => azureCall(input.trace, 'SetBlobProperties', () => destination.setHTTPHeaders(headers)))).lastModified;
  }
  return { etag: source.info.etag, lastModified: lastModified ?? new Date() };
}

