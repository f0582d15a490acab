import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { DeleteObjectInput, DeleteObjectOutput } from '../../backend.types';
import { assertRemovable } from '../object-lock/new-version-lock';
import { type PosixContext, realBucket } from '../context';
import { removeEmptyParents } from '../dirs';
import { hasErrno } from '../errno';
import { fdAttrs, setAttr } from '../object-attrs';
import type { ObjectPath } from '../paths';
import { TMP_DIR } from '../posix-layout';
import { place } from '../put-object';
import { TempObjectFile, tmpFileName } from '../tmp-file';
import { readCurrentVersion } from './current-version';
import { checkVersionId } from './version-id';
import { VERSIONING_XATTR, type VersioningStatus } from './version-layout';
import type { PosixVersioning } from './versioning-context';
import { answeredVersionId, idOfNewVersion, replaceCurrent } from './versioned-writes';

/**
 * DELETE without a version id: a delete marker becomes the latest version (an empty file with
 * `user.delete-marker`), the object it hides kept among the older ones; also where the key holds
 * nothing, as AWS does. While versioning is suspended the marker is the null version.
 */
async function placeDeleteMarker(ctx: PosixContext, versioning: PosixVersioning, op: ObjectPath, status: VersioningStatus): Promise<DeleteObjectOutput> {
  const bucketReal = await realBucket(ctx, op.bucket, op.bucketDir);
  const id = idOfNewVersion(status);
  const marker = await TempObjectFile.open(ctx.native, path.join(op.bucketDir, TMP_DIR), op.key, ctx.useOtmpFile, undefined);
  try {
    const io = fdAttrs(ctx.native, marker.fd);
    await setAttr(io, VERSIONING_XATTR.deleteMarker, Buffer.alloc(0));
    const answered = answeredVersionId(id);
    if (answered !== undefined) await setAttr(io, VERSIONING_XATTR.versionId, answered);
    await marker.sync();
    await replaceCurrent(ctx, versioning, op, status, () => place(ctx, op, bucketReal, marker));
  } finally {
    await marker.dispose();
  }
  return { deleteMarker: true, versionId: id };
}

/**
 * The latest version deleted by its id: the newest older version takes its place in one rename
 * (a reader sees one or the other), or the key is gone when there is none.
 */
async function deleteLatest(ctx: PosixContext, versioning: PosixVersioning, op: ObjectPath, id: string): Promise<void> {
  const { store } = versioning;
  // A copy of the latest among the older ones is what a crash during its archiving left.
  await store.remove(op.bucket, op.key, id);
  const [newest] = await store.list(op.bucket, op.key);
  if (newest === undefined) {
    await fsp.unlink(op.path);
    await removeEmptyParents(ctx.native, op.bucketDir, op.key);
    return;
  }
  await store.promote(op.bucket, op.key, newest, op.path, path.join(op.bucketDir, TMP_DIR, tmpFileName(op.key)));
}

/**
 * DELETE ?versionId=: removes that version for good, unless its lock holds (object-lock/lock-rules.ts);
 * an id that is nowhere is no error, as on AWS.
 */
async function deleteVersion(ctx: PosixContext, versioning: PosixVersioning, op: ObjectPath, id: string, bypassGovernance: boolean | undefined): Promise<DeleteObjectOutput> {
  const bucketReal = await realBucket(ctx, op.bucket, op.bucketDir);
  // The key's directory must resolve inside the bucket, or a symlink could make us unlink elsewhere.
  await ctx.guard.assertWithin(bucketReal, path.dirname(op.path)).catch((err: unknown) => (hasErrno(err, 'ENOENT', 'ENOTDIR') ? undefined : Promise.reject(err)));
  return versioning.locks.run(`${op.bucket}\0${op.key}`, async () => {
    const current = await readCurrentVersion(ctx.native, op.path);
    if (current !== undefined && current.id === id) {
      await assertRemovable(ctx, op.path, bypassGovernance);
      await deleteLatest(ctx, versioning, op, id);
      return current.deleteMarker ? { versionId: id, deleteMarker: true } : { versionId: id };
    }
    const file = versioning.store.pathOf(op.bucket, op.key, id);
    await assertRemovable(ctx, file, bypassGovernance);
    const wasMarker = await versioning.store.isDeleteMarker(file).catch((err: unknown) => (hasErrno(err, 'ENOENT', 'ENOTDIR') ? false : Promise.reject(err)));
    await versioning.store.remove(op.bucket, op.key, id);
    return wasMarker ? { versionId: id, deleteMarker: true } : { versionId: id };
  });
}

/** DeleteObject in a bucket whose versioning is enabled or suspended. */
export function deleteVersioned(ctx: PosixContext, op: ObjectPath, input: DeleteObjectInput, status: VersioningStatus): Promise<DeleteObjectOutput> {
  const versioning = ctx.versioning;
  if (versioning === undefined) throw new Error('deleteVersioned without versioning');
  if (input.versionId === undefined) return placeDeleteMarker(ctx, versioning, op, status);
  return deleteVersion(ctx, versioning, op, checkVersionId(input.versionId), input.bypassGovernance);
}
