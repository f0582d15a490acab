import { DeleteObjectsCommand, ListObjectsCommand, ListObjectsV2Command, ListObjectVersionsCommand, type _Object, type CommonPrefix } from '@aws-sdk/client-s3';
import type {
  DeletedObject,
  DeleteObjectsInput,
  ListObjectsInput,
  ListObjectsOutput,
  ListObjectsV2Input,
  ListObjectsV2Output,
  ListObjectVersionsInput,
  ListObjectVersionsOutput,
  ObjectSummary,
  ObjectVersionSummary,
} from '../backend.types';
import { unquoteEtag } from '../common/etag';
import { S3Error } from '../../s3/errors/s3-error';
import { S3_ERROR_CATALOG } from '../../s3/errors/s3-error-catalog';
import { given } from './object-fields';
import type { Upstream } from './upstream-client';

/** Listings and the batch delete: the upstream's own calls, its continuation tokens passed through as they are. */

function summary(object: _Object): ObjectSummary {
  return { key: object.Key ?? '', size: object.Size ?? 0, etag: unquoteEtag(object.ETag ?? ''), lastModified: object.LastModified ?? new Date(0) };
}

function prefixes(common: CommonPrefix[] | undefined): string[] {
  return (common ?? []).map((prefix) => prefix.Prefix ?? '');
}

export async function listObjects(upstream: Upstream, input: ListObjectsInput): Promise<ListObjectsOutput> {
  const { bucket, prefix, delimiter, marker, maxKeys } = input;
  const out = await upstream.send(new ListObjectsCommand({ Bucket: bucket, Prefix: given(prefix), Delimiter: given(delimiter), Marker: given(marker), MaxKeys: maxKeys }), 'bucket', input);
  const objects = (out.Contents ?? []).map(summary);
  const commonPrefixes = prefixes(out.CommonPrefixes);
  const isTruncated = out.IsTruncated ?? false;
  // V1 names NextMarker only with a delimiter; without one the next page starts after the last key.
  const nextMarker = out.NextMarker ?? objects[objects.length - 1]?.key;
  return { objects, commonPrefixes, isTruncated, ...(isTruncated && nextMarker !== undefined ? { nextMarker } : {}) };
}

export async function listObjectsV2(upstream: Upstream, input: ListObjectsV2Input, owner: () => Promise<string>): Promise<ListObjectsV2Output> {
  const { bucket, prefix, delimiter, continuationToken, startAfter, maxKeys, fetchOwner } = input;
  const out = await upstream.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: given(prefix), Delimiter: given(delimiter), ContinuationToken: continuationToken, StartAfter: given(startAfter), MaxKeys: maxKeys }),
    'bucket',
    input,
  );
  const isTruncated = out.IsTruncated ?? false;
  return {
    objects: (out.Contents ?? []).map(summary),
    commonPrefixes: prefixes(out.CommonPrefixes),
    isTruncated,
    ...(isTruncated && out.NextContinuationToken !== undefined ? { nextContinuationToken: out.NextContinuationToken } : {}),
    // The objects belong to the bucket's owner in tracegw's IAM, not to the upstream's account.
    ...(fetchOwner ? { owner: await owner() } : {}),
  };
}

export async function listObjectVersions(upstream: Upstream, input: ListObjectVersionsInput): Promise<ListObjectVersionsOutput> {
  const { bucket, prefix, delimiter, keyMarker, versionIdMarker, maxKeys } = input;
  const out = await upstream.send(
    new ListObjectVersionsCommand({ Bucket: bucket, Prefix: given(prefix), Delimiter: given(delimiter), KeyMarker: given(keyMarker), VersionIdMarker: given(versionIdMarker), MaxKeys: maxKeys }),
    'bucket',
    input,
  );
  const versions: ObjectVersionSummary[] = (out.Versions ?? []).map((version) => ({ ...summary(version), versionId: version.VersionId ?? 'null', isLatest: version.IsLatest ?? false }));
  const markers: ObjectVersionSummary[] = (out.DeleteMarkers ?? []).map((marker) => ({
    key: marker.Key ?? '',
    size: 0,
    etag: '',
    lastModified: marker.LastModified ?? new Date(0),
    versionId: marker.VersionId ?? 'null',
    isLatest: marker.IsLatest ?? false,
    deleteMarker: true,
  }));
  // The SDK parses versions and delete markers into two lists: merged back into S3's order (by key, newest first).
  const all = [...versions, ...markers].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : b.lastModified.getTime() - a.lastModified.getTime()));
  const isTruncated = out.IsTruncated ?? false;
  return {
    versions: all,
    commonPrefixes: prefixes(out.CommonPrefixes),
    isTruncated,
    ...(isTruncated && out.NextKeyMarker !== undefined ? { nextKeyMarker: out.NextKeyMarker } : {}),
    ...(isTruncated && out.NextVersionIdMarker !== undefined ? { nextVersionIdMarker: out.NextVersionIdMarker } : {}),
  };
}

/** An upstream per-key error as tracegw's: its code when the catalog knows it, InternalError otherwise. */
function keyError(code: string | undefined, message: string | undefined): S3Error {
  return code !== undefined && Object.prototype.hasOwnProperty.call(S3_ERROR_CATALOG, code)
    ? new S3Error(code as keyof typeof S3_ERROR_CATALOG, message || undefined)
    : new S3Error('InternalError', undefined, {}, { cause: new Error(`upstream DeleteObjects: ${code}: ${message}`) });
}

/** One upstream DeleteObjects; its Deleted and Errors lists back in the order of the request. */
export async function deleteObjects(upstream: Upstream, input: DeleteObjectsInput): Promise<DeletedObject[]> {
  const { bucket, objects } = input;
  const request = objects.map(({ key, versionId }) => ({ Key: key, ...(versionId === undefined ? {} : { VersionId: versionId }) }));
  // S3 refuses an empty document; an empty batch still needs its bucket to exist.
  if (request.length === 0) return [];
  const out = await upstream.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: request, Quiet: false } }), 'bucket', input);
  const id = (key: string | undefined, versionId: string | undefined) => `${key ?? ''}\u0000${versionId ?? ''}`;
  const deleted = new Map((out.Deleted ?? []).map((entry) => [id(entry.Key, entry.VersionId), entry]));
  const failed = new Map((out.Errors ?? []).map((entry) => [id(entry.Key, entry.VersionId), entry]));
  return objects.map((object): DeletedObject => {
    const failure = failed.get(id(object.key, object.versionId));
    if (failure) return { ...object, error: keyError(failure.Code, failure.Message) };
    const entry = deleted.get(id(object.key, object.versionId));
    const versionId = entry?.DeleteMarkerVersionId ?? entry?.VersionId;
    return { ...object, deleted: { ...(entry?.DeleteMarker ? { deleteMarker: true as const } : {}), ...(versionId !== undefined ? { versionId } : {}) } };
  });
}
