import type { Readable } from 'node:stream';
import { S3Error } from '../../s3/errors/s3-error';
import type {
  AccessControlList,
  DeleteObjectOutput,
  GetObjectInput,
  GetObjectOutput,
  HeadObjectInput,
  HeadObjectOutput,
  ObjectInfo,
  ObjectInput,
  PutObjectInput,
  PutObjectOutput,
  TagSet,
  VersionedObjectInput,
  WriteConditions,
} from '../backend.types';
import { etagHeaderMatches } from '../common/etag';
import { evaluatePreconditions } from '../common/preconditions';
import { resolveRange } from '../common/range';
import { decodeAcl, encodeAcl } from '../posix/acl-attr';
import { azureCall } from './azure-call';
import { toS3Error, translated } from './azure-errors';
import { blobHeaders, blobMetadata, type BlobDescription, lowerCased, META, objectInfo } from './azure-metadata';
import type { AzureStorage } from './azure-storage';
import type { SpanParent } from '../../telemetry/with-span';

/** Azure keeps blobs without versions: only the null version can be named. */
export function onlyNullVersion(input: VersionedObjectInput): void {
  if (input.versionId !== undefined && input.versionId !== 'null') throw new S3Error('NoSuchVersion');
}

/** The blob's properties (one GetBlobProperties) as S3 describes the object; NoSuchKey without it. */
export async function describeBlob(storage: AzureStorage, bucket: string, key: string, trace?: SpanParent): Promise<{ info: ObjectInfo; azureEtag: string; blob: BlobDescription }> {
  const client = storage.blob(bucket, key);
  const props = await translated('object', () => azureCall(trace, 'GetBlobProperties', () => client.getProperties()));
  return { info: objectInfo(key, props), azureEtag: props.etag ?? '', blob: props };
}

/**
 * The Azure condition that makes a write happen only where S3's If-None-Match / If-Match allow it:
 * If-None-Match: * becomes Azure's own (checked in the same call); If-Match names the S3 ETag,
 * which Azure does not know, so the current blob is read and the write made conditional on its
 * Azure ETag: a blob changed in between fails the write rather than being overwritten.
 */
export async function writeConditionsFor(storage: AzureStorage, bucket: string, key: string, conditions: WriteConditions | undefined, trace?: SpanParent): Promise<{ ifMatch?: string; ifNoneMatch?: string }> {
  if (conditions?.ifNoneMatch) return { ifNoneMatch: '*' };
  if (conditions?.ifMatch === undefined) return {};
  const current = await describeBlob(storage, bucket, key, trace);
  if (!etagHeaderMatches(conditions.ifMatch, current.info.etag)) throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
  return { ifMatch: current.azureEtag };
}

/** The blob metadata of a new object: its x-amz-meta-*, Expires and own ACL. */
export function newObjectMetadata(input: { metadata: PutObjectInput['metadata']; acl?: AccessControlList }, extra: Record<string, string> = {}): Record<string, string> {
  const own: Record<string, string> = input.acl === undefined ? {} : { [META.acl]: encodeAcl(input.acl).toString('base64') };
  return blobMetadata(input.metadata, { ...own, ...extra });
}

/**
 * Remembers the first error the body stream reports (a failed checksum, a short body): the
 * request to Azure then fails too, but the client must hear the body's error, not Azure's.
 */
function bodyErrors(body: Readable): () => unknown {
  let first: unknown;
  body.on('error', (error) => (first ??= error));
  return () => first;
}

/**
 * One Put Blob with the body streamed through: the blob appears whole or not at all, and Azure
 * computes its Content-MD5, the ETag. A client's Content-MD5 is checked by Azure (BadDigest).
 */
export async function putObject(storage: AzureStorage, input: PutObjectInput): Promise<PutObjectOutput> {
  const conditions = await writeConditionsFor(storage, input.bucket, input.key, input.writeConditions, input.trace);
  const client = storage.blob(input.bucket, input.key);
  const bodyError = bodyErrors(input.body);
  let response;
  try {
    response = await azureCall(input.trace, 'PutBlob', () =>
      client.upload(() => input.body, input.contentLength, {
        metadata: newObjectMetadata(input),
        blobHTTPHeaders: blobHeaders(input.metadata),
        ...(input.tagging !== undefined && Object.keys(input.tagging).length > 0 ? { tags: input.tagging } : {}),
        ...(input.contentMd5 !== undefined ? { transactionalContentMD5: input.contentMd5 } : {}),
        conditions,
      }),
    );
  } catch (error) {
    throw toS3Error(bodyError() ?? error, 'bucket');
  }
  if (response.contentMD5 === undefined) throw new S3Error('InternalError', 'azure: Put Blob answered without a Content-MD5');
  return { etag: Buffer.from(response.contentMD5).toString('hex') };
}

function checkedInfo(info: ObjectInfo, input: HeadObjectInput): ReturnType<typeof resolveRange> {
  evaluatePreconditions(info, input.conditions);
  return resolveRange(input.range, info.size);
}

export async function headObject(storage: AzureStorage, input: HeadObjectInput): Promise<HeadObjectOutput> {
  onlyNullVersion(input);
  const { info } = await describeBlob(storage, input.bucket, input.key, input.trace);
  const range = checkedInfo(info, input);
  return range === undefined ? { info } : { info, range };
}

/**
 * A whole object in one Get Blob (properties and body in one answer, conditions checked on them
 * before a byte is sent); a range first reads the properties to resolve it against the size, then
 * reads exactly that range of that very blob (Azure If-Match on its ETag).
 */
export async function getObject(storage: AzureStorage, input: GetObjectInput): Promise<GetObjectOutput> {
  onlyNullVersion(input);
  const client = storage.blob(input.bucket, input.key);
  if (input.range === undefined) {
    const download = await translated('object', () => azureCall(input.trace, 'GetBlob', () => client.download(0)));
    const body = download.readableStreamBody as Readable | undefined;
    const info = objectInfo(input.key, download);
    try {
      evaluatePreconditions(info, input.conditions);
    } catch (error) {
      body?.destroy();
      throw error;
    }
    return { info, body: body ?? Buffer.alloc(0) };
  }
  const { info, azureEtag } = await describeBlob(storage, input.bucket, input.key, input.trace);
  const range = checkedInfo(info, input);
  if (range === undefined && info.size === 0) return { info, body: Buffer.alloc(0) };
  const start = range?.start ?? 0;
  const count = range === undefined ? undefined : range.end - range.start + 1;
  const download = await translated('object', () => azureCall(input.trace, 'GetBlob', () => client.download(start, count, { conditions: { ifMatch: azureEtag } })));
  const body = (download.readableStreamBody as Readable | undefined) ?? Buffer.alloc(0);
  return range === undefined ? { info, body } : { info, range, body };
}

/** Succeeds also when the blob is not there, as S3 does. */
export async function deleteObject(storage: AzureStorage, input: VersionedObjectInput): Promise<DeleteObjectOutput> {
  onlyNullVersion(input);
  const client = storage.blob(input.bucket, input.key);
  try {
    await azureCall(input.trace, 'DeleteBlob', () => client.delete());
  } catch (error) {
    const s3Error = toS3Error(error, 'object');
    if (s3Error.code !== 'NoSuchKey') throw s3Error;
  }
  return {};
}

/** Blob index tags are the object's tags. */
export async function getObjectTagging(storage: AzureStorage, input: VersionedObjectInput): Promise<TagSet> {
  onlyNullVersion(input);
  const client = storage.blob(input.bucket, input.key);
  const response = await translated('object', () => azureCall(input.trace, 'GetBlobTags', () => client.getTags()));
  return { ...response.tags };
}

export async function putObjectTagging(storage: AzureStorage, input: VersionedObjectInput & { tags: TagSet }): Promise<void> {
  onlyNullVersion(input);
  const client = storage.blob(input.bucket, input.key);
  await translated('object', () => azureCall(input.trace, 'SetBlobTags', () => client.setTags(input.tags)));
}

/** The object's own ACL, kept in its blob metadata under VersityGW's name; undefined when it has none. */
export async function getObjectAcl(storage: AzureStorage, input: ObjectInput): Promise<AccessControlList | undefined> {
  const { blob } = await describeBlob(storage, input.bucket, input.key, input.trace);
  const raw = lowerCased(blob.metadata)[META.acl.toLowerCase()];
  return raw === undefined ? undefined : decodeAcl(Buffer.from(raw, 'base64'));
}

/** Set Blob Metadata replaces the whole set: the other entries are written back as they were. */
export async function putObjectAcl(storage: AzureStorage, input: ObjectInput & { acl: AccessControlList }): Promise<void> {
  const { blob, azureEtag } = await describeBlob(storage, input.bucket, input.key, input.trace);
  const metadata = { ...lowerCased(blob.metadata), [META.acl.toLowerCase()]: encodeAcl(input.acl).toString('base64') };
  const client = storage.blob(input.bucket, input.key);
  await translated('object', () => azureCall(input.trace, 'SetBlobMetadata', () => client.setMetadata(metadata, { conditions: { ifMatch: azureEtag } })));
}

