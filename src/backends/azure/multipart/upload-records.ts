import type { BlobItem } from '@azure/storage-blob';
import type { SpanParent } from '../../../telemetry/with-span';
import type { PartSummary } from '../../backend.types';
import { azureCall } from '../azure-call';
import { translated } from '../azure-errors';
import { type BlobDescription, lowerCased, META, reserved } from '../azure-metadata';
import type { AzureStorage } from '../azure-storage';
import { markerName, partRecordName, partsPrefix } from './upload-names';

/** A part as its record describes it: which staged block holds it, and what UploadPart answered. */
export interface PartRecord extends PartSummary {
  /** Empty for a part of no bytes: Azure stages no empty block, so such a part has none. */
  blockId: string;
}

/** The upload's marker (metadata, headers, tags for the object); NoSuchUpload without it. */
export async function readMarker(storage: AzureStorage, bucket: string, key: string, uploadId: string, trace?: SpanParent): Promise<BlobDescription & { createdOn?: Date }> {
  const marker = storage.blob(bucket, markerName(key, uploadId));
  return translated('upload', () => azureCall(trace, 'GetBlobProperties', () => marker.getProperties()));
}

/** The tags the object will get, kept as the marker's index tags. */
export async function readMarkerTags(storage: AzureStorage, bucket: string, key: string, uploadId: string, trace?: SpanParent): Promise<Record<string, string>> {
  const marker = storage.blob(bucket, markerName(key, uploadId));
  return { ...(await translated('upload', () => azureCall(trace, 'GetBlobTags', () => marker.getTags()))).tags };
}

/** A part record read back from a listing; undefined when its metadata is not one the gateway wrote. */
export function partOfRecord(partNumber: number, item: Pick<BlobItem, 'metadata' | 'properties'>): PartRecord | undefined {
  const metadata = lowerCased(item.metadata);
  const etag = reserved(metadata, META.etag);
  const size = Number(reserved(metadata, META.size));
  if (etag === undefined || !Number.isSafeInteger(size)) return undefined;
  return { partNumber, etag, size, lastModified: item.properties.lastModified, blockId: reserved(metadata, META.block) ?? '' };
}

/** Every part record of the upload, in part-number order (the records' names sort so). */
export async function readParts(storage: AzureStorage, bucket: string, key: string, uploadId: string, trace?: SpanParent): Promise<PartRecord[]> {
  const container = storage.container(bucket);
  const prefix = partsPrefix(key, uploadId);
  const parts: PartRecord[] = [];
  const pages = container.listBlobsFlat({ prefix, includeMetadata: true }).byPage({ maxPageSize: 5000 });
  for (;;) {
    const page = await translated('bucket', () => azureCall(trace, 'ListBlobs', () => pages.next()));
    if (page.done) break;
    for (const item of page.value.segment.blobItems) {
      const part = partOfRecord(Number(item.name.slice(prefix.length)), item);
      if (part !== undefined) parts.push(part);
    }
    if (!page.value.continuationToken) break;
  }
  return parts;
}

/** Writes (or replaces) a part's record: the last UploadPart of a number is the part. */
export async function writePartRecord(storage: AzureStorage, bucket: string, key: string, uploadId: string, part: Omit<PartRecord, 'lastModified'>, trace?: SpanParent): Promise<Date> {
  const record = storage.blob(bucket, partRecordName(key, uploadId, part.partNumber));
  const metadata = { [META.block]: part.blockId, [META.etag]: part.etag, [META.size]: String(part.size) };
  const response = await translated('upload', () => azureCall(trace, 'PutBlob', () => record.upload('', 0, { metadata })));
  return response.lastModified ?? new Date();
}
