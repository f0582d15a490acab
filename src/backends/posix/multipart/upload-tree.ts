import { type Dirent, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { hasErrno } from '../errno';
import { createLimiter } from '../listing/limiter';
import type { NativeFs } from '../native.types';
import { XATTR } from '../posix-layout';
import { CREATING_PREFIX, isKeyDirName, isUploadId, keyHash } from './layout';
import type { UploadRef } from './upload-pages';

/** Key directories are read this many at a time (an attribute read and a readdir each). */
const KEY_DIR_CONCURRENCY = 16;

export interface FoundUpload extends UploadRef {
  uploadDir: string;
}

export interface UploadTree {
  uploads: FoundUpload[];
  /** Upload directories whose creation never finished (`.creating-<id>`). */
  unfinished: string[];
  /** Entries of the multipart tree that belong to no upload. */
  stray: string[];
}

async function readDir(dir: string): Promise<Dirent[]> {
  try {
    return await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    // Gone meanwhile (its last upload completed or was aborted), or never made.
    if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return [];
    throw err;
  }
}

/**
 * Reads a bucket's `.sgwtmp/multipart` as VersityGW lays it out: every key directory named by the
 * sha256 of its `user.objname`, every upload directory named by its id. Only the file system is
 * read, so uploads any gateway made are found. `wanted` filters by key before any upload
 * directory is read (ListMultipartUploads' prefix).
 */
export async function readUploadTree(native: NativeFs, multipartDir: string, wanted: (key: string) => boolean = () => true): Promise<UploadTree> {
  const tree: UploadTree = { uploads: [], unfinished: [], stray: [] };
  const limit = createLimiter(KEY_DIR_CONCURRENCY);
  await Promise.all(
    (await readDir(multipartDir)).map((entry) =>
      limit(async () => {
        const keyDir = path.join(multipartDir, entry.name);
        if (!entry.isDirectory() || !isKeyDirName(entry.name)) {
          tree.stray.push(keyDir);
          return;
        }
        const raw = await native.getXattr(keyDir, XATTR.objectName).catch((err: unknown) => {
          if (hasErrno(err, 'ENOENT')) return undefined;
          throw err;
        });
        const key = raw?.toString('utf8');
        if (key === undefined || keyHash(key) !== entry.name) {
          tree.stray.push(keyDir);
          return;
        }
        if (!wanted(key)) return;
        for (const child of await readDir(keyDir)) {
          const childPath = path.join(keyDir, child.name);
          if (child.isDirectory() && isUploadId(child.name)) tree.uploads.push({ key, uploadId: child.name, uploadDir: childPath });
          else if (child.isDirectory() && child.name.startsWith(CREATING_PREFIX)) tree.unfinished.push(childPath);
          else tree.stray.push(childPath);
        }
      }),
    ),
  );
  return tree;
}
