import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { ObjectInput } from '../backend.types';
import { type PosixContext, realBucket } from './context';
import { removeEmptyParents } from './dirs';
import { hasErrno, toS3Error } from './errno';
import { clearObjectAttrs, pathAttrs } from './object-attrs';
import { type ObjectPath, resolveObjectPath } from './paths';
import { XATTR } from './posix-layout';

/**
 * Deleting `key/`: an empty directory goes; a directory that still holds other keys stays and just
 * stops being an object (its ETag and metadata are removed), as VersityGW does. A directory that never
 * was an object and still holds things is left alone: there was no such object, which S3 answers with success.
 */
async function deleteDirectoryObject(ctx: PosixContext, op: ObjectPath): Promise<void> {
  const stat = await fsp.lstat(op.path);
  if (!stat.isDirectory()) return;
  try {
    await fsp.rmdir(op.path);
  } catch (err) {
    if (!hasErrno(err, 'ENOTEMPTY', 'EEXIST')) throw err;
    if ((await ctx.native.getXattr(op.path, XATTR.etag)) !== undefined) await clearObjectAttrs(pathAttrs(ctx.native, op.path));
    return;
  }
  await removeEmptyParents(ctx.native, op.bucketDir, op.key);
}

async function deleteFile(ctx: PosixContext, op: ObjectPath): Promise<void> {
  const stat = await fsp.lstat(op.path);
  if (stat.isDirectory()) return; // `key` names a directory, which is never an object without its slash
  await fsp.unlink(op.path);
  await removeEmptyParents(ctx.native, op.bucketDir, op.key);
}

/** Succeeds when the key does not exist, as S3 does; NoSuchBucket when the bucket does not. */
export async function deleteObject(ctx: PosixContext, input: ObjectInput): Promise<void> {
  const op = resolveObjectPath(ctx.root, input.bucket, input.key);
  const bucketReal = await realBucket(ctx, input.bucket, op.bucketDir);
  try {
    // The parent must resolve inside the bucket, or a symlinked directory could make us unlink elsewhere.
    await ctx.guard.assertWithin(bucketReal, path.dirname(op.path));
    await (op.isDirectoryObject ? deleteDirectoryObject(ctx, op) : deleteFile(ctx, op));
  } catch (err) {
    if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return;
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
