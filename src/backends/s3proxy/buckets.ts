import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
} from '@aws-sdk/client-s3';
import type { BucketInput, BucketVersioningInput, CreateBucketInput, TagSet, TracedInput, VersioningStatus } from '../backend.types';
import { S3Error } from '../../s3/errors/s3-error';
import type { BucketMeta } from './bucket-meta';
import type { Upstream } from './upstream-client';

/** Buckets: the upstream's, with their owners and access settings from the meta bucket. */

export interface UpstreamBucket {
  name: string;
  creationDate: Date;
}

export async function listUpstreamBuckets(upstream: Upstream, meta: BucketMeta, trace: TracedInput): Promise<UpstreamBucket[]> {
  const buckets: UpstreamBucket[] = [];
  let token: string | undefined;
  do {
    const out = await upstream.send(new ListBucketsCommand({ ContinuationToken: token }), 'bucket', trace);
    for (const bucket of out.Buckets ?? []) {
      if (bucket.Name !== undefined && !meta.isMetaBucket(bucket.Name)) buckets.push({ name: bucket.Name, creationDate: bucket.CreationDate ?? new Date(0) });
    }
    token = out.ContinuationToken;
  } while (token);
  return buckets;
}

/** As VersityGW's: a bucket this gateway recorded answers by its owner, before the upstream is asked. */
export async function createBucket(upstream: Upstream, meta: BucketMeta, input: CreateBucketInput): Promise<void> {
  const { bucket, owner, acl, ownership, objectLockEnabled } = input;
  if (meta.isMetaBucket(bucket)) throw new S3Error('BucketAlreadyExists');
  if (objectLockEnabled) throw new S3Error('NotImplemented', 'Object lock is not implemented by the s3proxy backend');
  const recorded = await meta.recordedOwner(bucket, input);
  if (recorded !== undefined) throw new S3Error(recorded === owner ? 'BucketAlreadyOwnedByYou' : 'BucketAlreadyExists');
  await upstream.send(new CreateBucketCommand({ Bucket: bucket }), 'bucket', input);
  try {
    await meta.created(bucket, owner, acl, ownership, input);
  } catch (error) {
    // A bucket without its owner would be the root account's: undo rather than leave it half made.
    await upstream.send(new DeleteBucketCommand({ Bucket: bucket }), 'bucket', input).catch(() => undefined);
    throw error;
  }
}

export async function headBucket(upstream: Upstream, meta: BucketMeta, input: BucketInput): Promise<void> {
  if (meta.isMetaBucket(input.bucket)) throw new S3Error('NoSuchBucket');
  await upstream.send(new HeadBucketCommand({ Bucket: input.bucket }), 'bucket', input);
}

export async function deleteBucket(upstream: Upstream, meta: BucketMeta, input: BucketInput): Promise<void> {
  if (meta.isMetaBucket(input.bucket)) throw new S3Error('AccessDenied');
  await upstream.send(new DeleteBucketCommand({ Bucket: input.bucket }), 'bucket', input);
  await meta.removed(input.bucket, input);
}

export async function getBucketTagging(upstream: Upstream, input: BucketInput): Promise<TagSet> {
  try {
    const out = await upstream.send(new GetBucketTaggingCommand({ Bucket: input.bucket }), 'bucket', input);
    return Object.fromEntries((out.TagSet ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  } catch (error) {
    // The port's "no tags" is an empty set; S3 answers NoSuchTagSet, and the operation renders that itself.
    if (S3Error.is(error, 'NoSuchTagSet')) return {};
    throw error;
  }
}

export async function putBucketTagging(upstream: Upstream, input: BucketInput & { tags: TagSet }): Promise<void> {
  const TagSet = Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value }));
  if (TagSet.length === 0) return deleteBucketTagging(upstream, input);
  await upstream.send(new PutBucketTaggingCommand({ Bucket: input.bucket, Tagging: { TagSet } }), 'bucket', input);
}

export async function deleteBucketTagging(upstream: Upstream, input: BucketInput): Promise<void> {
  await upstream.send(new DeleteBucketTaggingCommand({ Bucket: input.bucket }), 'bucket', input);
}

export async function putBucketVersioning(upstream: Upstream, input: BucketVersioningInput): Promise<void> {
  await upstream.send(new PutBucketVersioningCommand({ Bucket: input.bucket, VersioningConfiguration: { Status: input.status } }), 'bucket', input);
}

export async function getBucketVersioning(upstream: Upstream, input: BucketInput): Promise<{ status?: VersioningStatus }> {
  const out = await upstream.send(new GetBucketVersioningCommand({ Bucket: input.bucket }), 'bucket', input);
  return out.Status === undefined ? {} : { status: out.Status as VersioningStatus };
}
