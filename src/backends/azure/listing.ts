import type { BlobItem, BlobPrefix, ContainerClient } from '@azure/storage-blob';
import type { ListObjectsInput, ListObjectsOutput, ObjectSummary } from '../backend.types';
import { ExpiringCache } from '../common/expiring-cache';
import { compareKeys } from '../posix/listing/key-order';
import { azureCall } from './azure-call';
import { translated } from './azure-errors';
import { s3Etag } from './azure-metadata';
import type { AzureStorage } from './azure-storage';
import { TMP_PREFIX } from './multipart/upload-names';
import type { SpanParent } from '../../telemetry/with-span';

/** Azure's largest page; S3's is 1,000, so one Azure page usually answers one S3 page. */
const AZURE_PAGE = 5000;
/** How long the Azure position of a page's end is kept for the client's next page, and how many are kept. */
const RESUME_TTL_MS = 5 * 60_000;
const RESUMES_KEPT = 10_000;

type Entry = { kind: 'object'; name: string; blob: BlobItem } | { kind: 'prefix'; name: string };

/** One Azure page's blobs and prefixes in one sequence, in name order, as S3 lists them. */
function entriesOf(blobs: readonly BlobItem[], prefixes: readonly BlobPrefix[]): Entry[] {
  const entries: Entry[] = [
    ...blobs.map((blob): Entry => ({ kind: 'object', name: blob.name, blob })),
    ...prefixes.map((prefix): Entry => ({ kind: 'prefix', name: prefix.name })),
  ];
  return entries.sort((a, b) => compareKeys(a.name, b.name));
}

interface AzurePage {
  entries: Entry[];
  next: string | undefined;
}

async function readPage(container: ContainerClient, input: ListObjectsInput, token: string | undefined, trace: SpanParent): Promise<AzurePage> {
  const options = { prefix: input.prefix === '' ? undefined : input.prefix, includeMetadata: true };
  const settings = { maxPageSize: AZURE_PAGE, ...(token !== undefined ? { continuationToken: token } : {}) };
  if (input.delimiter === '') {
    const pages = container.listBlobsFlat(options).byPage(settings);
    const page = await translated('bucket', () => azureCall(trace, 'ListBlobs', () => pages.next()));
    if (page.done) return { entries: [], next: undefined };
    return { entries: entriesOf(page.value.segment.blobItems, []), next: page.value.continuationToken || undefined };
  }
  const pages = container.listBlobsByHierarchy(input.delimiter, options).byPage(settings);
  const page = await translated('bucket', () => azureCall(trace, 'ListBlobs', () => pages.next()));
  if (page.done) return { entries: [], next: undefined };
  const { blobItems, blobPrefixes } = page.value.segment;
  return { entries: entriesOf(blobItems, blobPrefixes ?? []), next: page.value.continuationToken || undefined };
}

/** The multipart area is the gateway's, never an object. */
function hidden(entry: Entry): boolean {
  return entry.name.startsWith(TMP_PREFIX) || TMP_PREFIX.startsWith(entry.name);
}

function summary(entry: Entry & { kind: 'object' }): ObjectSummary {
  const props = entry.blob.properties;
  return {
    key: entry.name,
    size: props.contentLength ?? 0,
    etag: s3Etag({ ...props, metadata: entry.blob.metadata }),
    lastModified: props.lastModified,
  };
}

/**
 * ListObjects over Azure's hierarchical listing (List Blobs with the delimiter), in S3's order.
 * S3's marker is a key, Azure's an opaque position: the position where a page stopped is kept
 * (for five minutes) under the key the client will resume after, so the next page reads on from
 * there; a marker nobody kept (start-after, another gateway's token, an expired one) is reached by
 * listing from the prefix's start and skipping what is not past it.
 */
export class AzureListing {
  private readonly resumes = new ExpiringCache<string, string>(RESUME_TTL_MS, RESUMES_KEPT);

  constructor(private readonly storage: AzureStorage) {}

  async list(input: ListObjectsInput, trace?: SpanParent): Promise<ListObjectsOutput> {
    const out: ListObjectsOutput = { objects: [], commonPrefixes: [], isTruncated: false };
    const container = this.storage.container(input.bucket);
    if (input.maxKeys === 0) {
      // Still NoSuchBucket for a bucket that is not there.
      await readPage(container, { ...input, prefix: TMP_PREFIX, delimiter: '/' }, undefined, trace);
      return out;
    }
    let token = input.marker === '' ? undefined : this.resumes.peek(this.resumeKey(input, input.marker));
    let count = 0;
    for (;;) {
      const page = await readPage(container, input, token, trace);
      for (const entry of page.entries) {
        if (hidden(entry) || (input.marker !== '' && compareKeys(entry.name, input.marker) <= 0)) continue;
        if (count === input.maxKeys) {
          out.isTruncated = true;
          out.nextMarker = lastName(out);
          // This page holds what comes next: the client's next request starts again at its start.
          if (token !== undefined && out.nextMarker !== undefined) this.remember(input, out.nextMarker, token);
          return out;
        }
        count++;
        if (entry.kind === 'prefix') out.commonPrefixes.push(entry.name);
        else out.objects.push(summary(entry));
      }
      if (page.next === undefined) return out;
      token = page.next;
    }
  }

  private resumeKey(input: ListObjectsInput, marker: string): string {
    return JSON.stringify([input.bucket, input.prefix, input.delimiter, marker]);
  }

  private remember(input: ListObjectsInput, marker: string, token: string): void {
    this.resumes.getSync(this.resumeKey(input, marker), () => token);
  }
}

function lastName(out: ListObjectsOutput): string | undefined {
  const lastObject = out.objects[out.objects.length - 1]?.key;
  const lastPrefix = out.commonPrefixes[out.commonPrefixes.length - 1];
  if (lastObject === undefined) return lastPrefix;
  if (lastPrefix === undefined) return lastObject;
  return compareKeys(lastObject, lastPrefix) > 0 ? lastObject : lastPrefix;
}
