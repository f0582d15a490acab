import { promises as fsp } from 'node:fs';
import { S3Error } from '../../../s3/errors/s3-error';
import type { InterruptedCompletion, MultipartStorageRecovery } from '../../backend.types';
import type { PosixContext } from '../context';
import { openObject } from '../object-info';
import { clearMarker, type CompletionMarker, readMarker } from './completion-marker';
import { isGone } from './upload-location';
import { bucketNames } from '../bucket-names';
import { readBucketUploads } from './scan-uploads';
import type { FoundUpload } from './upload-tree';
import type { MultipartContext } from './upload-location';

/**
 * A `.creating-<id>` directory younger than this may be another gateway's CreateMultipartUpload
 * in progress on the shared file system; an older one is what a crash left.
 */
const UNFINISHED_GRACE_MS = 10 * 60 * 1000;

/** Whether the object at the key is the one the interrupted completion was writing. */
async function objectMatches(ctx: PosixContext, bucket: string, key: string, marker: CompletionMarker): Promise<boolean> {
  try {
    const opened = await openObject(ctx, bucket, key, { keep: 'nothing' });
    return opened.info.etag === marker.etag && opened.info.size === marker.size;
  } catch (err) {
    if (S3Error.is(err, 'NoSuchKey')) return false;
    throw err;
  }
}

async function settle(ctx: MultipartContext, bucket: string, found: FoundUpload): Promise<InterruptedCompletion | undefined> {
  const own = await ctx.assembly.recover(ctx, bucket, found);
  if (own) return own;
  const marker = await readMarker(ctx.native, found.uploadDir).catch((err: unknown) => (isGone(err) ? undefined : Promise.reject(err)));
  if (marker === undefined) return undefined;
  const base = { bucket, key: found.key, uploadId: found.uploadId, etag: marker.etag, size: marker.size, partCount: marker.partCount };
  // The rename happened: the object is whole and the upload is done; only the record and cleanup were lost.
  if (await objectMatches(ctx, bucket, found.key, marker)) return { ...base, outcome: 'finished' };
  // It did not: the old object (or none) is still there, the parts are intact, the client may complete again.
  await clearMarker(ctx.native, found.uploadDir);
  return { ...base, outcome: 'rolled-back' };
}

async function removeIfAbandoned(dir: string, now: number): Promise<boolean> {
  try {
    const stat = await fsp.stat(dir);
    if (now - stat.mtimeMs < UNFINISHED_GRACE_MS) return false;
    await fsp.rm(dir, { recursive: true, force: true });
    return true;
  } catch (err) {
    if (isGone(err)) return false;
    throw err;
  }
}

export async function recoverMultipartStorage(ctx: MultipartContext, now: () => number = Date.now): Promise<MultipartStorageRecovery> {
  const result: MultipartStorageRecovery = { completions: [], removedUnfinished: [], stray: [] };
  for (const bucket of await bucketNames(ctx.root)) {
    const tree = await readBucketUploads(ctx, bucket);
    for (const found of tree.uploads) {
      const settled = await settle(ctx, bucket, found);
      if (settled) result.completions.push(settled);
    }
    for (const dir of tree.unfinished) if (await removeIfAbandoned(dir, now())) result.removedUnfinished.push(dir);
    result.stray.push(...tree.stray);
  }
  return result;
}
