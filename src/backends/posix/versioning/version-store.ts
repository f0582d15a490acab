import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { hasErrno } from '../errno';
import type { NativeFs } from '../native.types';
import { versionIdTime } from './version-id';
import { NULL_VERSION, VERSIONING_XATTR, VERSIONS_TMP_DIR, versionsDirOfKey } from './version-layout';

/** One file of a key's versions directory. */
export interface StoredVersion {
  id: string;
  path: string;
  mtimeMs: number;
  size: number;
}

/** Newest first: ULIDs by the time they carry, the null version by its mtime (as VersityGW places it), ties by id. */
export function compareNewestFirst(a: StoredVersion, b: StoredVersion): number {
  const time = (v: StoredVersion): number => (v.id === NULL_VERSION ? v.mtimeMs : versionIdTime(v.id));
  return time(b) - time(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * The older versions of every key of the buckets, under the versioning directory, in VersityGW's
 * layout. Every change is one rename (or link) into place, so a crash leaves a version either
 * whole where it belongs or only as a leftover in the bucket's `.sgwtmp` there.
 */
export class VersionStore {
  constructor(
    private readonly native: NativeFs,
    readonly dir: string,
    private readonly dirPerms: number,
  ) {}

  keyDir(bucket: string, key: string): string {
    return path.join(this.dir, bucket, versionsDirOfKey(key));
  }

  pathOf(bucket: string, key: string, id: string): string {
    return path.join(this.keyDir(bucket, key), id);
  }

  /**
   * Puts the file now at `current` (the key's current object) among the key's older versions as
   * `id`, replacing a file of that id left by a write a crash interrupted. Hard-linked where the
   * versioning directory shares the file system (the same inode keeps its data, attributes and
   * mtime), copied with its attributes otherwise; either way by way of `.sgwtmp` and one rename.
   */
  async archive(bucket: string, key: string, current: string, id: string): Promise<void> {
    const tmpDir = path.join(this.dir, bucket, VERSIONS_TMP_DIR);
    await fsp.mkdir(tmpDir, { recursive: true, mode: this.dirPerms });
    const staged = path.join(tmpDir, `${versionsDirOfKey(key).slice(-64)}.${randomBytes(6).toString('hex')}`);
    try {
      await fsp.link(current, staged);
    } catch (err) {
      if (!hasErrno(err, 'EXDEV', 'EPERM', 'EMLINK')) throw err;
      await this.copyWithAttrs(current, staged);
    }
    try {
      await fsp.mkdir(this.keyDir(bucket, key), { recursive: true, mode: this.dirPerms });
      await fsp.rename(staged, this.pathOf(bucket, key, id));
    } catch (err) {
      await fsp.unlink(staged).catch(() => undefined);
      throw err;
    }
  }

  /** The key's older versions, newest first; none when it has no versions directory. */
  async list(bucket: string, key: string): Promise<StoredVersion[]> {
    const dir = this.keyDir(bucket, key);
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch (err) {
      if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return [];
      throw err;
    }
    const found = await Promise.all(
      names.map(async (id) => {
        const file = path.join(dir, id);
        const stat = await fsp.lstat(file).catch(() => undefined);
        return stat?.isFile() ? { id, path: file, mtimeMs: stat.mtimeMs, size: stat.size } : undefined;
      }),
    );
    return found.filter((v): v is StoredVersion => v !== undefined).sort(compareNewestFirst);
  }

  /** Removes one older version; false when there was none by that id. Its key's directories go when they are left empty. */
  async remove(bucket: string, key: string, id: string): Promise<boolean> {
    try {
      await fsp.unlink(this.pathOf(bucket, key, id));
    } catch (err) {
      if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return false;
      throw err;
    }
    await this.removeEmptyKeyDirs(bucket, key);
    return true;
  }

  /**
   * Makes an older version the key's current object in one rename over `current` (the version
   * being deleted, if any), so a reader sees one or the other. Across file systems the version is
   * copied next to `current` first (`stagedNear`), renamed into place, and only then removed here.
   */
  async promote(bucket: string, key: string, version: StoredVersion, current: string, stagedNear: string): Promise<void> {
    try {
      await fsp.rename(version.path, current);
    } catch (err) {
      if (!hasErrno(err, 'EXDEV')) throw err;
      await this.copyWithAttrs(version.path, stagedNear);
      await fsp.rename(stagedNear, current);
      await fsp.unlink(version.path);
    }
    await this.removeEmptyKeyDirs(bucket, key);
  }

  /** Whether a version file is a delete marker. */
  async isDeleteMarker(file: string): Promise<boolean> {
    return (await this.native.getXattr(file, VERSIONING_XATTR.deleteMarker)) !== undefined;
  }

  /** Removes every older version of the bucket (DeleteBucket of an empty bucket). */
  async removeBucket(bucket: string): Promise<void> {
    await fsp.rm(path.join(this.dir, bucket), { recursive: true, force: true });
  }

  /** Whether the bucket still has older versions (DeleteBucket refuses then, as VersityGW). */
  async bucketHasVersions(bucket: string): Promise<boolean> {
    const entries = await fsp.readdir(path.join(this.dir, bucket)).catch(() => [] as string[]);
    return entries.some((name) => name !== VERSIONS_TMP_DIR);
  }

  private async copyWithAttrs(from: string, to: string): Promise<void> {
    await fsp.copyFile(from, to);
    const stat = await fsp.stat(from);
    for (const name of (await this.native.listXattr(from)).filter((n) => n.startsWith('user.'))) {
      const value = await this.native.getXattr(from, name);
      if (value !== undefined) await this.native.setXattr(to, name, value);
    }
    await fsp.utimes(to, stat.atime, stat.mtime);
  }

  private async removeEmptyKeyDirs(bucket: string, key: string): Promise<void> {
    let dir = this.keyDir(bucket, key);
    const stop = path.join(this.dir, bucket);
    while (dir !== stop) {
      try {
        await fsp.rmdir(dir);
      } catch {
        return;
      }
      dir = path.dirname(dir);
    }
  }
}
