import type { BlobItem } from '@azure/storage-blob';
import type { ListMultipartUploadsInput, ListMultipartUploadsOutput, ListPartsInput, ListPartsOutput, MultipartUploadSummary, StoredUpload } from '../../backend.types';
import { compareUploads, pageUploads } from '../../posix/multipart/upload-pages';
import { azureCall } from '../azure-call';
import { translated } from '../azure-errors';
import { META, reserved } from '../azure-metadata';
import type { AzureStorage } from '../azure-storage';
import type { SpanParent } from '../../../telemetry/with-span';
import { MULTIPART_PREFIX, parseMultipartName } from './upload-names';
import { type PartRecord, partOfRecord, readMarker, readParts } from './upload-records';

/** Every blob of a container's multipart area, page by page. */
async function* multipartArea(storage: AzureStorage, bucket: string, trace: SpanParent): AsyncIterable<BlobItem> {
  const pages = storage.container(bucket).listBlobsFlat({ prefix: MULTIPART_PREFIX, includeMetadata: true }).byPage({ maxPageSize: 5000 });
  for (;;) {
    const page = await translated('bucket', () => azureCall(trace, 'ListBlobs', () => pages.next()));
    if (page.done) return;
    yield* page.value.segment.blobItems;
    if (!page.value.continuationToken) return;
  }
}

export interface AreaUpload extends StoredUpload {
  parts: PartRecord[];
  /** The marker's blob name, for what recovery reports. */
  marker: string;
}

/** The uploads of a container, each with its parts, read from one listing of the multipart area (`trace`: the request's, when a request asks). */
export async function uploadsOf(storage: AzureStorage, bucket: string, trace: SpanParent): Promise<{ uploads: AreaUpload[]; stray: string[] }> {
  const uploads = new Map<string, AreaUpload>();
  const parts = new Map<string, PartRecord[]>();
  const stray: string[] = [];
  for await (const item of multipartArea(storage, bucket, trace)) {
    const name = parseMultipartName(item.name);
    if (name.kind === 'marker') {
      const key = reserved(item.metadata, META.key);
      if (key === undefined) {
        stray.push(`${bucket}/${item.name}`);
        continue;
      }
      const initiated = item.properties.createdOn ?? item.properties.lastModified;
      uploads.set(name.uploadId, { bucket, key: Buffer.from(key, 'base64').toString('utf8'), uploadId: name.uploadId, initiated, parts: [], marker: item.name });
    } else if (name.kind === 'part') {
      const part = partOfRecord(name.partNumber, item);
      if (part === undefined) stray.push(`${bucket}/${item.name}`);
      else parts.set(name.uploadId, [...(parts.get(name.uploadId) ?? []), part]);
    } else {
      stray.push(`${bucket}/${item.name}`);
    }
  }
  for (const [uploadId, records] of parts) {
    const upload = uploads.get(uploadId);
    if (upload === undefined) stray.push(...records.map((part) => `${bucket}/${MULTIPART_PREFIX}${uploadId}/ part ${part.partNumber}`));
    else upload.parts = records.sort((a, b) => a.partNumber - b.partNumber);
  }
  return { uploads: [...uploads.values()], stray };
}

export async function listMultipartUploads(storage: AzureStorage, input: ListMultipartUploadsInput, owner: string): Promise<ListMultipartUploadsOutput> {
  const { uploads } = await uploadsOf(storage, input.bucket, input.trace);
  const summaries: MultipartUploadSummary[] = uploads.map(({ key, uploadId, initiated }) => ({ key, uploadId, initiated })).sort(compareUploads);
  return { owner, ...pageUploads(summaries, input) };
}

export async function listParts(storage: AzureStorage, input: ListPartsInput, owner: string): Promise<ListPartsOutput> {
  await readMarker(storage, input.bucket, input.key, input.uploadId, input.trace);
  const after = (await readParts(storage, input.bucket, input.key, input.uploadId, input.trace)).filter((part) => part.partNumber > input.partNumberMarker);
  const page = after.slice(0, input.maxParts).map(({ partNumber, etag, size, lastModified }) => ({ partNumber, etag, size, lastModified }));
  const isTruncated = after.length > page.length;
  return { owner, parts: page, isTruncated, ...(isTruncated && page.length > 0 ? { nextPartNumberMarker: page[page.length - 1].partNumber } : {}) };
}

/** Every container's uploads in flight, for start-up reconciliation and the abandoned-upload sweep. */
export async function* scanMultipartUploads(storage: AzureStorage, options: { withParts: boolean }): AsyncIterable<StoredUpload> {
  const containers = storage.service.listContainers().byPage({ maxPageSize: 5000 });
  for (;;) {
    const page = await translated('bucket', () => azureCall(undefined, 'ListContainers', () => containers.next()));
    if (page.done) return;
    for (const container of page.value.containerItems) {
      const { uploads } = await uploadsOf(storage, container.name, undefined);
      for (const { bucket, key, uploadId, initiated, parts } of uploads) {
        yield options.withParts ? { bucket, key, uploadId, initiated, parts: parts.map(({ partNumber, etag, size, lastModified }) => ({ partNumber, etag, size, lastModified })) } : { bucket, key, uploadId, initiated };
      }
    }
    if (!page.value.continuationToken) return;
  }
}

