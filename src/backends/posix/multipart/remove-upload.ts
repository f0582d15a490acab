import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { S3Error } from '../../../s3/errors/s3-error';
import type { UploadInput } from '../../backend.types';
import type { PosixContext } from '../context';
import { toS3Error } from '../errno';
import { mkdirOnce } from '../dirs';
import { REMOVING_SUBDIR } from '../posix-layout';
import type { UploadPaths } from './layout';
import { locateUpload } from './upload-location';

/**
 * Removes an upload: one rename takes its directory out of the multipart tree (so no listing
 * ever shows some of its parts gone), its key directory goes unless another upload of the key
 * lives there, and the parts are deleted in the background. Where the rename cannot be made,
 * the directory is deleted in place.
 */
export async function removeUploadDir(ctx: PosixContext, paths: UploadPaths): Promise<void> {
  const removing = path.join(path.dirname(paths.multipartDir), REMOVING_SUBDIR);
  const retired = path.join(removing, `${path.basename(paths.uploadDir)}.${randomBytes(4).toString('hex')}`);
  try {
    await mkdirOnce(removing, ctx.dirPerms);
    await fsp.rename(paths.uploadDir, retired);
    ctx.removals.remove(retired);
  } catch {
    // Nowhere to move it (or already gone): deleting in place tolerates both.
    await fsp.rm(paths.uploadDir, { recursive: true, force: true });
  }
  await fsp.rmdir(paths.keyDir).catch(() => undefined);
}

export async function abortMultipartUpload(ctx: PosixContext, input: UploadInput): Promise<void> {
  try {
    const upload = await locateUpload(ctx, input);
    await removeUploadDir(ctx, upload.paths);
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}

/** After a completion is recorded: the parts go; gone already (another node, recovery) is fine. */
export async function releaseMultipartUpload(ctx: PosixContext, input: UploadInput): Promise<void> {
  try {
    const upload = await locateUpload(ctx, input);
    await removeUploadDir(ctx, upload.paths);
  } catch (err) {
    if (S3Error.is(err, 'NoSuchUpload') || S3Error.is(err, 'NoSuchBucket')) return;
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
