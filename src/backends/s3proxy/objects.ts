import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import type {
  AccessControlList,
  CopyObjectInput,
  CopyObjectOutput,
  DeleteObjectOutput,
  GetObjectInput,
  GetObjectOutput,
  HeadObjectInput,
  HeadObjectOutput,
  ObjectLock,
  PutObjectInput,
  PutObjectOutput,
  PutObjectTaggingInput,
  ReadConditions,
  TagSet,
  VersionedObjectInput,
} from '../backend.types';
import { quoteEtag, unquoteEtag } from '../common/etag';
import { S3Error } from '../../s3/errors/s3-error';
import { refuseLockedWrite } from '../common/object-lock-errors';
import { checksumOf, copySource, metadataFields, objectInfo, rangeHeader, rangeOf, taggingHeader } from './object-fields';
import type { Upstream } from './upstream-client';

/** Objects: each operation is the upstream's own, bodies streamed through both ways. */

function readConditions(conditions: ReadConditions) {
  return { IfMatch: conditions.ifMatch, IfNoneMatch: conditions.ifNoneMatch, IfModifiedSince: conditions.ifModifiedSince, IfUnmodifiedSince: conditions.ifUnmodifiedSince };
}

/**
 * What a new object may ask for and the upstream cannot keep: its own ACL (its grants name
 * tracegw's accounts; only the owner's FULL_CONTROL, the default, is accepted: NotImplemented
 * otherwise) and a lock (no bucket here has object lock: InvalidRequest, as AWS).
 */
export function assertStorableWrite(input: { acl?: AccessControlList; lock?: ObjectLock }): void {
  refuseLockedWrite(input.lock);
  const { acl } = input;
  if (acl === undefined) return;
  const ownerOnly = acl.grants.every((grant) => grant.permission === 'FULL_CONTROL' && grant.grantee.type === 'CanonicalUser' && grant.grantee.id === acl.owner);
  if (!ownerOnly) throw new S3Error('NotImplemented', 'Object ACLs other than private are not implemented by the s3proxy backend');
}

export async function putObject(upstream: Upstream, input: PutObjectInput): Promise<PutObjectOutput> {
  assertStorableWrite(input);
  const { bucket, key, body, contentLength, contentMd5, metadata, tagging, checksum, writeConditions } = input;
  const out = await upstream.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ContentLength: contentLength,
      ContentMD5: contentMd5?.toString('base64'),
      ...metadataFields(metadata),
      Tagging: taggingHeader(tagging),
      // The client's algorithm: the SDK computes it again over the stream, the upstream checks and keeps it.
      ChecksumAlgorithm: checksum?.algorithm,
      IfNoneMatch: writeConditions?.ifNoneMatch ? '*' : undefined,
      IfMatch: writeConditions?.ifMatch === undefined ? undefined : quoteEtag(writeConditions.ifMatch),
    }),
    'object',
    input,
  );
  return { etag: unquoteEtag(out.ETag ?? ''), ...(out.VersionId !== undefined ? { versionId: out.VersionId } : {}) };
}

export async function getObject(upstream: Upstream, input: GetObjectInput): Promise<GetObjectOutput> {
  const { bucket, key, versionId, range, conditions } = input;
  const out = await upstream.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, Range: rangeHeader(range), ...readConditions(conditions), ChecksumMode: 'ENABLED' }), 'object', input);
  const resolved = rangeOf(out.ContentRange);
  return {
    info: objectInfo(key, out),
    ...(resolved ? { range: resolved } : {}),
    // The SDK hands the upstream's response body over as a Node stream: passed on, never buffered.
    body: out.Body instanceof Readable ? out.Body : Readable.from([]),
  };
}

export async function headObject(upstream: Upstream, input: HeadObjectInput): Promise<HeadObjectOutput> {
  const { bucket, key, versionId, range, conditions } = input;
  const out = await upstream.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, Range: rangeHeader(range), ...readConditions(conditions), ChecksumMode: 'ENABLED' }), 'object', input);
  const resolved = rangeOf(out.ContentRange);
  return { info: objectInfo(key, out), ...(resolved ? { range: resolved } : {}) };
}

export async function deleteObject(upstream: Upstream, input: VersionedObjectInput): Promise<DeleteObjectOutput> {
  const { bucket, key, versionId } = input;
  const out = await upstream.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), 'object', input);
  return { ...(out.VersionId !== undefined ? { versionId: out.VersionId } : {}), ...(out.DeleteMarker ? { deleteMarker: true as const } : {}) };
}

export async function copyObject(upstream: Upstream, input: CopyObjectInput): Promise<CopyObjectOutput> {
  assertStorableWrite(input);
  const { bucket, key, source, conditions, metadataDirective, metadata, taggingDirective, tagging, checksumAlgorithm } = input;
  const out = await upstream.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: key,
      CopySource: copySource(source),
      CopySourceIfMatch: conditions.ifMatch,
      CopySourceIfNoneMatch: conditions.ifNoneMatch,
      CopySourceIfModifiedSince: conditions.ifModifiedSince,
      CopySourceIfUnmodifiedSince: conditions.ifUnmodifiedSince,
      MetadataDirective: metadataDirective,
      ...(metadataDirective === 'REPLACE' ? metadataFields(metadata) : {}),
      TaggingDirective: taggingDirective,
      Tagging: taggingDirective === 'REPLACE' ? taggingHeader(tagging) : undefined,
      ChecksumAlgorithm: checksumAlgorithm,
    }),
    'object',
    input,
  );
  const result = out.CopyObjectResult ?? {};
  const checksum = checksumOf(result);
  return {
    etag: unquoteEtag(result.ETag ?? ''),
    lastModified: result.LastModified ?? new Date(),
    ...(out.VersionId !== undefined ? { versionId: out.VersionId } : {}),
    ...(out.CopySourceVersionId !== undefined ? { sourceVersionId: out.CopySourceVersionId } : {}),
    ...(checksum ? { checksum: { ...checksum, type: 'FULL_OBJECT' as const } } : {}),
  };
}

export async function getObjectTagging(upstream: Upstream, input: VersionedObjectInput): Promise<TagSet> {
  const { bucket, key, versionId } = input;
  const out = await upstream.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }), 'object', input);
  return Object.fromEntries((out.TagSet ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
}

export async function putObjectTagging(upstream: Upstream, input: PutObjectTaggingInput): Promise<void> {
  const { bucket, key, versionId, tags } = input;
  const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  await upstream.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId, Tagging: { TagSet } }), 'object', input);
}

export async function deleteObjectTagging(upstream: Upstream, input: VersionedObjectInput): Promise<void> {
  const { bucket, key, versionId } = input;
  await upstream.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key: key, VersionId: versionId }), 'object', input);
}
