import { promises as fsp } from 'node:fs';
import { S3Error } from '../../../s3/errors/s3-error';
import type { UploadInput } from '../../backend.types';
import type { PausePoints } from '../../pause-points';
import { type PosixContext, realBucket } from '../context';
import { hasErrno } from '../errno';
import { type ObjectPath, resolveObjectPath } from '../paths';
import type { CopySlots } from './copy-slots';
import type { PartAssembly } from './part-assembly';
import { type UploadPaths, uploadPaths } from './layout';

/** The posix context plus what only multipart needs. */
export interface MultipartContext extends PosixContext {
  /** False forces the user-space copy in CompleteMultipartUpload (posix.copy_method io_copy_fallback). */
  readonly useCopyFileRange: boolean;
  /** Shared by every CompleteMultipartUpload of this backend. */
  readonly copySlots: CopySlots;
  /** Where a crash test stops a completion (NO_PAUSES in the gateway). */
  readonly pauses: PausePoints;
  /** How CompleteMultipartUpload gets the parts into the object: copied (posix) or moved (scoutfs). */
  readonly assembly: PartAssembly;
}

export interface LocatedUpload {
  op: ObjectPath;
  /** The bucket directory resolved through symlinks. */
  bucketReal: string;
  paths: UploadPaths;
}

/** A file-system error that means the upload (or the part asked for) is not there. */
export const isGone = (err: unknown): boolean => hasErrno(err, 'ENOENT', 'ENOTDIR');

/**
 * Finds an upload: NoSuchBucket without the bucket, NoSuchUpload without the upload directory
 * (or when it resolves outside the bucket). Any node may have created it: only the file system
 * is asked, never this node's journal.
 */
export async function locateUpload(ctx: PosixContext, input: UploadInput): Promise<LocatedUpload> {
  const op = resolveObjectPath(ctx.root, input.bucket, input.key);
  const paths = uploadPaths(op.bucketDir, input.key, input.uploadId);
  const bucketReal = await realBucket(ctx, input.bucket, op.bucketDir);
  try {
    const stat = await fsp.stat(paths.uploadDir);
    if (!stat.isDirectory()) throw new S3Error('NoSuchUpload');
    await ctx.guard.assertWithin(bucketReal, paths.uploadDir);
  } catch (err) {
    if (isGone(err) || S3Error.is(err, 'AccessDenied')) throw new S3Error('NoSuchUpload');
    throw err;
  }
  return { op, bucketReal, paths };
}

/** When an upload began: the directory's birth time where the file system records one. */
export function initiatedAt(stat: { birthtimeMs: number; birthtime: Date; mtime: Date }): Date {
  return stat.birthtimeMs > 0 ? stat.birthtime : stat.mtime;
}
