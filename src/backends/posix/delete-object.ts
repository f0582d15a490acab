import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { DeleteObjectInput, DeleteObjectOutput } from '../backend.types';
import { assertRemovable } from './object-lock/new-version-lock';
import { type PosixContext, realBucket } from './context';
import { removeEmptyParents } from './dirs';
import { hasErrno, toS3Error } from './errno';
import { clearObjectAttrs, pathAttrs } from './object-attrs';
import { type ObjectPath, resolveObjectPath } from './paths';
import { XATTR } from './posix-layout';
import { checkVersionId } from './versioning/version-id';
import { NULL_VERSION } from './versioning/version-layout';
import { deleteVersioned } from './versioning/versioned-delete';
import { versioningOf } from './versioning/versioned-writes';

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

/**
 * Succeeds when the key does not exist, as S3 does; NoSuchBucket when the bucket does not. In a
 * versioned bucket a delete marker is made, or the version named removed (versioned-delete.ts);
 * in an unversioned one every object is the null version, and another id names nothing.
 */
export async function deleteObject(ctx: PosixContext, input: DeleteObjectInput): Promise<DeleteObjectOutput> {
  const op = resolveObjectPath(ctx.root, input.bucket, input.key);
  const versioned = versioningOf(ctx, op);
  const status = versioned === undefined ? undefined : await versioned;
  try {
    if (status !== undefined) return await deleteVersioned(ctx, op, input, status);
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
  if (input.versionId !== undefined && checkVersionId(input.versionId) !== NULL_VERSION) {
    await realBucket(ctx, input.bucket, op.bucketDir);
    return { versionId: input.versionId };
  }
  await deleteUnversioned(ctx, op, input.bypassGovernance);
  return input.versionId === undefined ? {} : { versionId: input.versionId };
}

/** Without versions the object itself goes: not while its lock holds, where the bucket has object lock. */
async function deleteUnversioned(ctx: PosixContext, op: ObjectPath, bypassGovernance: boolean | undefined): Promise<void> {
  const bucketReal = await realBucket(ctx, op.bucket, op.bucketDir);
  if (!op.isDirectoryObject && (await ctx.bucketLocks.configOf(op.bucket))?.enabled) await assertRemovable(ctx, op.path, bypassGovernance);
  try {
    // The parent must resolve inside the bucket, or a symlinked directory could make us unlink elsewhere.
    await ctx.guard.assertWithin(bucketReal, path.dirname(op.path));
    await (op.isDirectoryObject ? deleteDirectoryObject(ctx, op) : deleteFile(ctx, op));
  } catch (err) {
    if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return;
    throw toS3Error(err, { op: 'write', key: op.key });
  }
}
