import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import type {
  ChecksumAlgorithmName,
  ChecksumType,
  CompleteMultipartUploadInput,
  CompleteMultipartUploadOutput,
  CreateMultipartUploadInput,
  CreateMultipartUploadOutput,
  ListMultipartUploadsInput,
  ListMultipartUploadsOutput,
  ListPartsInput,
  ListPartsOutput,
  PartOutput,
  UploadChecksumSpec,
  UploadInput,
  UploadPartCopyInput,
  UploadPartInput,
} from '../backend.types';
import { quoteEtag, unquoteEtag } from '../common/etag';
import { assertStorableWrite } from './objects';
import { checksumField, checksumOf, copySource, given, metadataFields, taggingHeader } from './object-fields';
import type { Upstream } from './upstream-client';

/** Multipart uploads: the upstream keeps the parts and assembles them; tracegw's journal records what it answered. */

function checksumSpec(algorithm: string | undefined, type: string | undefined): UploadChecksumSpec | undefined {
  return algorithm === undefined ? undefined : { algorithm: algorithm as ChecksumAlgorithmName, type: (type as ChecksumType | undefined) ?? 'COMPOSITE' };
}

export async function createMultipartUpload(upstream: Upstream, input: CreateMultipartUploadInput): Promise<CreateMultipartUploadOutput> {
  assertStorableWrite(input);
  const { bucket, key, metadata, tagging, checksum } = input;
  const out = await upstream.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ...metadataFields(metadata), Tagging: taggingHeader(tagging), ChecksumAlgorithm: checksum?.algorithm, ChecksumType: checksum?.type }),
    'bucket',
    input,
  );
  return { uploadId: out.UploadId ?? '', initiated: new Date() };
}

export async function uploadPart(upstream: Upstream, input: UploadPartInput): Promise<PartOutput> {
  const { bucket, key, uploadId, partNumber, body, contentLength, contentMd5, checksum } = input;
  const out = await upstream.send(
    new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body, ContentLength: contentLength, ContentMD5: contentMd5?.toString('base64'), ChecksumAlgorithm: checksum?.algorithm }),
    'upload',
    input,
  );
  const partChecksum = checksumOf(out);
  return { etag: unquoteEtag(out.ETag ?? ''), size: contentLength, lastModified: new Date(), ...(partChecksum ? { checksum: partChecksum } : {}) };
}

export async function uploadPartCopy(upstream: Upstream, input: UploadPartCopyInput): Promise<PartOutput> {
  const { bucket, key, uploadId, partNumber, source, range, conditions } = input;
  const out = await upstream.send(
    new UploadPartCopyCommand({
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      PartNumber: partNumber,
      CopySource: copySource(source),
      CopySourceRange: range === undefined ? undefined : `bytes=${range.start}-${range.end}`,
      CopySourceIfMatch: conditions.ifMatch,
      CopySourceIfNoneMatch: conditions.ifNoneMatch,
      CopySourceIfModifiedSince: conditions.ifModifiedSince,
      CopySourceIfUnmodifiedSince: conditions.ifUnmodifiedSince,
    }),
    'upload',
    input,
  );
  const result = out.CopyPartResult ?? {};
  // S3 names no size in the answer: the range's, or the whole source's.
  const size = range !== undefined ? range.end - range.start + 1 : ((await upstream.send(new HeadObjectCommand({ Bucket: source.bucket, Key: source.key, VersionId: source.versionId }), 'object', input)).ContentLength ?? 0);
  const partChecksum = checksumOf(result);
  return { etag: unquoteEtag(result.ETag ?? ''), size, lastModified: result.LastModified ?? new Date(), ...(partChecksum ? { checksum: partChecksum } : {}) };
}

export async function completeMultipartUpload(upstream: Upstream, input: CompleteMultipartUploadInput): Promise<CompleteMultipartUploadOutput> {
  const { bucket, key, uploadId, parts, checksum, checksumType, objectSize, writeConditions } = input;
  const out = await upstream.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: quoteEtag(part.etag), ...checksumField(part.checksum) })) },
      ...checksumField(checksum),
      ChecksumType: checksumType,
      MpuObjectSize: objectSize,
      IfNoneMatch: writeConditions?.ifNoneMatch ? '*' : undefined,
      IfMatch: writeConditions?.ifMatch === undefined ? undefined : quoteEtag(writeConditions.ifMatch),
    }),
    'upload',
    input,
  );
  // S3 names no size in the answer: the object made says it.
  const head = await upstream.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: out.VersionId }), 'object', input);
  const objectChecksum = checksumOf(out);
  return {
    etag: unquoteEtag(out.ETag ?? ''),
    size: head.ContentLength ?? 0,
    ...(objectChecksum ? { checksum: { ...objectChecksum, type: (out.ChecksumType as ChecksumType | undefined) ?? 'COMPOSITE' } } : {}),
    ...(out.VersionId !== undefined ? { versionId: out.VersionId } : {}),
  };
}

export async function abortMultipartUpload(upstream: Upstream, input: UploadInput): Promise<void> {
  const { bucket, key, uploadId } = input;
  await upstream.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), 'upload', input);
}

export async function listMultipartUploads(upstream: Upstream, input: ListMultipartUploadsInput, owner: string): Promise<ListMultipartUploadsOutput> {
  const { bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads } = input;
  const out = await upstream.send(
    new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: given(prefix), Delimiter: given(delimiter), KeyMarker: given(keyMarker), UploadIdMarker: given(uploadIdMarker), MaxUploads: maxUploads }),
    'bucket',
    input,
  );
  const isTruncated = out.IsTruncated ?? false;
  return {
    owner,
    uploads: (out.Uploads ?? []).map((upload) => {
      const checksum = checksumSpec(upload.ChecksumAlgorithm, upload.ChecksumType);
      return { key: upload.Key ?? '', uploadId: upload.UploadId ?? '', initiated: upload.Initiated ?? new Date(0), ...(checksum ? { checksum } : {}) };
    }),
    commonPrefixes: (out.CommonPrefixes ?? []).map((common) => common.Prefix ?? ''),
    isTruncated,
    ...(isTruncated && out.NextKeyMarker !== undefined ? { nextKeyMarker: out.NextKeyMarker } : {}),
    ...(isTruncated && out.NextUploadIdMarker !== undefined ? { nextUploadIdMarker: out.NextUploadIdMarker } : {}),
  };
}

export async function listParts(upstream: Upstream, input: ListPartsInput, owner: string): Promise<ListPartsOutput> {
  const { bucket, key, uploadId, partNumberMarker, maxParts } = input;
  const out = await upstream.send(
    new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: partNumberMarker > 0 ? String(partNumberMarker) : undefined, MaxParts: maxParts }),
    'upload',
    input,
  );
  const isTruncated = out.IsTruncated ?? false;
  const checksum = checksumSpec(out.ChecksumAlgorithm, out.ChecksumType);
  return {
    owner,
    parts: (out.Parts ?? []).map((part) => {
      const partChecksum = checksumOf(part);
      return { partNumber: part.PartNumber ?? 0, etag: unquoteEtag(part.ETag ?? ''), size: part.Size ?? 0, lastModified: part.LastModified ?? new Date(0), ...(partChecksum ? { checksum: partChecksum } : {}) };
    }),
    isTruncated,
    ...(isTruncated && out.NextPartNumberMarker !== undefined ? { nextPartNumberMarker: Number(out.NextPartNumberMarker) } : {}),
    ...(checksum ? { checksum } : {}),
  };
}
