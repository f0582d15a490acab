import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { ListMultipartUploadsInput, ListMultipartUploadsOutput, MultipartUploadSummary } from '../../backend.types';
import { headBucket } from '../buckets';
import { type PosixContext, realBucket } from '../context';
import { toS3Error } from '../errno';
import { createLimiter } from '../listing/limiter';
import { bucketDir } from '../paths';
import { MULTIPART_DIR } from '../posix-layout';
import { readUploadChecksum, readUploadOwner } from './upload-attrs';
import { initiatedAt, isGone } from './upload-location';
import { compareUploads, pageUploads } from './upload-pages';
import { type FoundUpload, readUploadTree } from './upload-tree';

const DETAIL_CONCURRENCY = 16;

/**
 * Initiated, checksum algorithm and (when asked) owner of one upload; undefined when it completed
 * or was aborted meanwhile.
 */
export async function describeUpload(ctx: PosixContext, found: FoundUpload, fetchOwner = false): Promise<MultipartUploadSummary | undefined> {
  try {
    const [stat, checksum, owner] = await Promise.all([
      fsp.stat(found.uploadDir),
      readUploadChecksum(ctx.native, found.uploadDir),
      fetchOwner ? readUploadOwner(ctx.native, found.uploadDir) : undefined,
    ]);
    const summary: MultipartUploadSummary = { key: found.key, uploadId: found.uploadId, initiated: initiatedAt(stat) };
    if (checksum) summary.checksum = checksum;
    if (owner !== undefined) summary.owner = owner;
    return summary;
  } catch (err) {
    if (isGone(err)) return undefined;
    throw err;
  }
}

/** Answered from the file system alone, as VersityGW does: every gateway sharing it lists the same uploads. */
export async function listMultipartUploads(ctx: PosixContext, input: ListMultipartUploadsInput): Promise<ListMultipartUploadsOutput> {
  const bucket = await headBucket(ctx.native, ctx.root, input.bucket);
  const dir = bucketDir(ctx.root, input.bucket);
  await realBucket(ctx, input.bucket, dir);
  try {
    const multipartDir = path.join(dir, MULTIPART_DIR);
    const tree = await readUploadTree(ctx.native, multipartDir, (key) => key.startsWith(input.prefix));
    const page = pageUploads(tree.uploads.sort(compareUploads), input);
    // Only the page's uploads are described: one stat and one or two attribute reads each, at once.
    const limit = createLimiter(DETAIL_CONCURRENCY);
    const described = await Promise.all(page.uploads.map((found) => limit(() => describeUpload(ctx, found, input.fetchOwner))));
    const output: ListMultipartUploadsOutput = {
      owner: bucket.owner,
      uploads: described.filter((u): u is MultipartUploadSummary => u !== undefined),
      commonPrefixes: page.commonPrefixes,
      isTruncated: page.isTruncated,
    };
    if (page.nextKeyMarker !== undefined) output.nextKeyMarker = page.nextKeyMarker;
    if (page.nextUploadIdMarker !== undefined) output.nextUploadIdMarker = page.nextUploadIdMarker;
    return output;
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
  }
}
