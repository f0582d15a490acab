import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { hasErrno, objectParentIsFile } from './errno';
import type { NativeFs } from './native.types';
import type { PathGuard } from './paths';
import { XATTR } from './posix-layout';

/**
 * Creates `<bucketDir>/<segments...>` one level at a time. Unlike `mkdir -p` it never recreates
 * the bucket when a concurrent DeleteBucket removed it (ENOENT instead), and it checks each
 * existing level before descending, so a symlink cannot make it create directories outside the bucket.
 */
export async function ensureDirectories(
  guard: PathGuard,
  bucketReal: string,
  bucketDirPath: string,
  segments: readonly string[],
  key: string,
  mode: number,
): Promise<void> {
  const full = path.join(bucketDirPath, ...segments);
  // Common case first: the directory already exists, one stat and one realpath.
  const existing = await fsp.stat(full).catch(() => undefined);
  if (existing?.isDirectory()) {
    await guard.assertWithin(bucketReal, full);
    return;
  }
  let current = bucketDirPath;
  for (const segment of segments) {
    current = path.join(current, segment);
    try {
      await fsp.mkdir(current, mode);
      continue;
    } catch (err) {
      if (hasErrno(err, 'ENOTDIR')) throw objectParentIsFile(key);
      if (!hasErrno(err, 'EEXIST')) throw err;
    }
    const stat = await fsp.stat(current);
    if (!stat.isDirectory()) throw objectParentIsFile(key);
    await guard.assertWithin(bucketReal, current);
  }
}

/**
 * After a delete, removes the now-empty directories that only existed to hold the object, up to
 * but never including the bucket. Stops at the first directory that still holds something, and
 * at a directory object (one carrying an ETag), which exists in its own right, as VersityGW does.
 */
export async function removeEmptyParents(native: NativeFs, bucketDirPath: string, key: string): Promise<void> {
  const segments = key.replace(/\/$/, '').split('/').slice(0, -1);
  while (segments.length > 0) {
    const dir = path.join(bucketDirPath, ...segments);
    try {
      if ((await native.getXattr(dir, XATTR.etag)) !== undefined) return;
      await fsp.rmdir(dir);
    } catch {
      return; // not empty, gone already, or not ours to remove: in every case stop here
    }
    segments.pop();
  }
}

/** mkdir that accepts an existing directory; ENOENT means a parent (the bucket) is gone. */
export async function mkdirOnce(dir: string, mode?: number): Promise<void> {
  await fsp.mkdir(dir, mode).catch((err: unknown) => (hasErrno(err, 'EEXIST') ? undefined : Promise.reject(err)));
}
