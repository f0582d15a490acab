import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { CreateMultipartUploadInput, CreateMultipartUploadOutput } from '../../backend.types';
import { type PosixContext, realBucket } from '../context';
import { directoryObjectContainsData, hasErrno, toS3Error } from '../errno';
import { pathAttrs } from '../object-attrs';
import { resolveObjectPath } from '../paths';
import { TMP_DIR, XATTR } from '../posix-layout';
import { CREATING_PREFIX, newUploadId, uploadPaths } from './layout';
import { mkdirOnce } from '../dirs';
import { writeUploadAttrs } from './upload-attrs';
import { initiatedAt } from './upload-location';
import { lockOfNewVersion } from '../object-lock/lock-rules';

/** Completing or aborting another upload of the key may remove the key directory under us. */
const MKDIR_ATTEMPTS = 3;

/**
 * Makes the upload directory with everything the final object keeps, under a temporary name
 * first: the upload appears (to ListMultipartUploads, to other gateways, to recovery) whole or
 * not at all.
 */
export async function createMultipartUpload(ctx: PosixContext, input: CreateMultipartUploadInput): Promise<CreateMultipartUploadOutput> {
  const op = resolveObjectPath(ctx.root, input.bucket, input.key);
  // A directory cannot hold data, so a key ending in '/' can never be completed (as VersityGW answers).
  if (op.isDirectoryObject) throw directoryObjectContainsData();
  await realBucket(ctx, op.bucket, op.bucketDir);
  // A lock asked of a bucket without object lock fails here, before any upload exists.
  if (input.lock !== undefined) lockOfNewVersion(input.lock, await ctx.bucketLocks.configOf(op.bucket), new Date());
  const uploadId = newUploadId();
  const paths = uploadPaths(op.bucketDir, input.key, uploadId);
  const staging = path.join(paths.keyDir, CREATING_PREFIX + uploadId);
  for (let attempt = 1; ; attempt++) {
    try {
      // One level at a time, so a bucket deleted meanwhile is never recreated (ENOENT: NoSuchBucket).
      await mkdirOnce(path.join(op.bucketDir, TMP_DIR), ctx.dirPerms);
      await mkdirOnce(paths.multipartDir, ctx.dirPerms);
      await mkdirOnce(paths.keyDir, ctx.dirPerms);
      // On the key directory, as VersityGW does: how a listing maps the hash back to the key.
      await ctx.native.setXattr(paths.keyDir, XATTR.objectName, Buffer.from(input.key, 'utf8'));
      await fsp.mkdir(staging, ctx.dirPerms);
      break;
    } catch (err) {
      // The last upload of the same key may have removed the key directory in between: make it again.
      if (hasErrno(err, 'ENOENT') && attempt < MKDIR_ATTEMPTS) continue;
      throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
    }
  }
  try {
    await writeUploadAttrs(pathAttrs(ctx.native, staging), input);
    await fsp.rename(staging, paths.uploadDir);
    return { uploadId, initiated: initiatedAt(await fsp.stat(paths.uploadDir)) };
  } catch (err) {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    // Other uploads of the same key may still live there; rmdir fails harmlessly if so.
    await fsp.rmdir(paths.keyDir).catch(() => undefined);
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
