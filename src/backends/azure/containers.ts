import { S3Error } from '../../s3/errors/s3-error';
import type { AccessControlList, BucketAccessChange, BucketAccessConfig, BucketInfo, CreateBucketInput, PublicAccessBlock, TagSet } from '../backend.types';
import { isObjectOwnership } from '../backend.types';
import { decodeAcl, encodeAcl } from '../posix/acl-attr';
import { azureCall } from './azure-call';
import { toS3Error, translated } from './azure-errors';
import { lowerCased, META } from './azure-metadata';
import type { AzureStorage } from './azure-storage';
import type { SpanParent } from '../../telemetry/with-span';
import { TMP_PREFIX } from './multipart/upload-names';

/**
 * Buckets as containers. Their configuration lives in the container's metadata under VersityGW's
 * names (Acl, Ownership, Tags, Policy, Cors), each value base64 of what the posix backend keeps in
 * the bucket directory's attribute of the same purpose.
 */
type ContainerEntry = (typeof META)['acl' | 'ownership' | 'tags' | 'policy' | 'cors' | 'publicAccessBlock'];

const encode = (value: Buffer | string): string => Buffer.from(value).toString('base64');
const decode = (value: string | undefined): Buffer | undefined => (value === undefined || value === '' ? undefined : Buffer.from(value, 'base64'));

/** The owner's FULL_CONTROL alone: what a bucket gets when its creation named no ACL. */
export function ownerOnlyAcl(owner: string): AccessControlList {
  return { owner, grants: [{ grantee: { type: 'CanonicalUser', id: owner }, permission: 'FULL_CONTROL' }] };
}

/** The container's metadata, names lower-cased. NoSuchBucket without the container. */
async function containerMetadata(storage: AzureStorage, bucket: string, trace: SpanParent): Promise<{ metadata: Record<string, string>; lastModified: Date }> {
  const container = storage.container(bucket);
  const props = await translated('bucket', () => azureCall(trace, 'GetContainerProperties', () => container.getProperties()));
  return { metadata: lowerCased(props.metadata), lastModified: props.lastModified ?? new Date(0) };
}

function entry(metadata: Record<string, string>, name: ContainerEntry): Buffer | undefined {
  return decode(metadata[name.toLowerCase()]);
}

/** Reads the metadata, changes the entries given (undefined removes one) and writes it back. */
async function changeMetadata(storage: AzureStorage, bucket: string, changes: Partial<Record<ContainerEntry, Buffer | string | undefined>>, trace: SpanParent): Promise<void> {
  const { metadata } = await containerMetadata(storage, bucket, trace);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete metadata[name.toLowerCase()];
    else metadata[name.toLowerCase()] = encode(value);
  }
  const container = storage.container(bucket);
  await translated('bucket', () => azureCall(trace, 'SetContainerMetadata', () => container.setMetadata(metadata)));
}

export async function listBuckets(storage: AzureStorage, trace: SpanParent): Promise<BucketInfo[]> {
  const buckets: BucketInfo[] = [];
  const pages = storage.service.listContainers({ includeMetadata: true }).byPage({ maxPageSize: 5000 });
  for (;;) {
    const page = await translated('bucket', () => azureCall(trace, 'ListContainers', () => pages.next()));
    if (page.done) break;
    for (const item of page.value.containerItems) {
      const acl = decodeAcl(decode(lowerCased(item.metadata)[META.acl.toLowerCase()]));
      buckets.push({ name: item.name, creationDate: item.properties.lastModified, owner: acl?.owner ?? '' });
    }
    if (!page.value.continuationToken) break;
  }
  return buckets;
}

export async function createBucket(storage: AzureStorage, input: CreateBucketInput): Promise<void> {
  if (input.objectLockEnabled) throw new S3Error('NotImplemented', 'Object lock is not implemented by the azure backend');
  const metadata: Record<string, string> = { [META.acl]: encode(encodeAcl(input.acl ?? ownerOnlyAcl(input.owner))) };
  if (input.ownership !== undefined) metadata[META.ownership] = encode(input.ownership);
  const container = storage.container(input.bucket);
  try {
    await azureCall(input.trace, 'CreateContainer', () => container.create({ metadata }));
  } catch (error) {
    const s3Error = toS3Error(error, 'bucket');
    // Azure's container names are stricter than S3's bucket names (no dots, no upper case).
    if (s3Error.code === 'NoSuchBucket') throw new S3Error('InvalidBucketName', undefined, {}, { cause: error });
    if (s3Error.code !== 'BucketAlreadyExists') throw s3Error;
    // VersityGW's answer: the owner recorded in the ACL decides which conflict it is.
    const existing = await bucketAccess(storage, input.bucket, input.trace).catch(() => undefined);
    throw new S3Error(existing?.acl.owner === input.owner ? 'BucketAlreadyOwnedByYou' : 'BucketAlreadyExists');
  }
}

export async function headBucket(storage: AzureStorage, bucket: string, trace: SpanParent): Promise<BucketInfo> {
  const { metadata, lastModified } = await containerMetadata(storage, bucket, trace);
  return { name: bucket, creationDate: lastModified, owner: decodeAcl(entry(metadata, META.acl))?.owner ?? '' };
}

/** BucketNotEmpty while any blob but the multipart area's is in it, as VersityGW's DeleteBucket. */
export async function deleteBucket(storage: AzureStorage, bucket: string, trace: SpanParent): Promise<void> {
  const container = storage.container(bucket);
  const pages = container.listBlobsFlat().byPage({ maxPageSize: 100 });
  for (;;) {
    const page = await translated('bucket', () => azureCall(trace, 'ListBlobs', () => pages.next()));
    if (page.done) break;
    if (page.value.segment.blobItems.some((blob) => !blob.name.startsWith(TMP_PREFIX))) throw new S3Error('BucketNotEmpty');
    if (!page.value.continuationToken) break;
  }
  await translated('bucket', () => azureCall(trace, 'DeleteContainer', () => container.delete()));
}

function decodePublicAccessBlock(raw: Buffer | undefined): PublicAccessBlock | undefined {
  if (raw === undefined) return undefined;
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  } catch {
    // Unreadable counts as every flag set: a damaged block must not open the bucket up.
    stored = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
  }
  return {
    BlockPublicAcls: stored.BlockPublicAcls === true,
    IgnorePublicAcls: stored.IgnorePublicAcls === true,
    BlockPublicPolicy: stored.BlockPublicPolicy === true,
    RestrictPublicBuckets: stored.RestrictPublicBuckets === true,
  };
}

export async function bucketAccess(storage: AzureStorage, bucket: string, trace: SpanParent): Promise<BucketAccessConfig> {
  const { metadata } = await containerMetadata(storage, bucket, trace);
  // A bucket without a readable ACL has no owner: only admins reach it.
  const config: BucketAccessConfig = { acl: decodeAcl(entry(metadata, META.acl)) ?? { owner: '', grants: [] } };
  const ownership = entry(metadata, META.ownership)?.toString('utf8');
  if (ownership !== undefined && isObjectOwnership(ownership)) config.ownership = ownership;
  const block = decodePublicAccessBlock(entry(metadata, META.publicAccessBlock));
  if (block !== undefined) config.publicAccessBlock = block;
  const policy = entry(metadata, META.policy);
  if (policy !== undefined) config.policy = policy.toString('utf8');
  return config;
}

export function changeBucketAccess(storage: AzureStorage, bucket: string, change: BucketAccessChange, trace: SpanParent): Promise<void> {
  switch (change.kind) {
    case 'acl':
      return changeMetadata(storage, bucket, { [META.acl]: encodeAcl(change.value) }, trace);
    case 'ownership':
      return changeMetadata(storage, bucket, { [META.ownership]: change.value }, trace);
    case 'publicAccessBlock':
      return changeMetadata(storage, bucket, { [META.publicAccessBlock]: change.value === undefined ? undefined : JSON.stringify(change.value) }, trace);
    case 'policy':
      return changeMetadata(storage, bucket, { [META.policy]: change.value }, trace);
  }
}

/** As VersityGW's UpdateBucketACLOwner: the new owner's FULL_CONTROL, and the old owner's policy gone. */
export function changeBucketOwner(storage: AzureStorage, bucket: string, owner: string, trace: SpanParent): Promise<void> {
  return changeMetadata(storage, bucket, { [META.acl]: encodeAcl(ownerOnlyAcl(owner)), [META.policy]: undefined }, trace);
}

export async function getBucketTagging(storage: AzureStorage, bucket: string, trace: SpanParent): Promise<TagSet> {
  const raw = entry((await containerMetadata(storage, bucket, trace)).metadata, META.tags);
  return raw === undefined ? {} : (JSON.parse(raw.toString('utf8')) as TagSet);
}

export function putBucketTagging(storage: AzureStorage, bucket: string, tags: TagSet, trace: SpanParent): Promise<void> {
  return changeMetadata(storage, bucket, { [META.tags]: Object.keys(tags).length === 0 ? undefined : JSON.stringify(tags) }, trace);
}

export async function getBucketCors(storage: AzureStorage, bucket: string, trace: SpanParent): Promise<Buffer | undefined> {
  return entry((await containerMetadata(storage, bucket, trace)).metadata, META.cors);
}

export function putBucketCors(storage: AzureStorage, bucket: string, cors: Buffer | undefined, trace: SpanParent): Promise<void> {
  return changeMetadata(storage, bucket, { [META.cors]: cors }, trace);
}
