import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { bucketNames } from './bucket-names';
import { hasErrno } from './errno';
import { NAMED_TMP_FILE, REMOVING_SUBDIR, TMP_DIR } from './posix-layout';

export interface StaleTempFileOptions {
  /**
   * Only files untouched for this long are removed. When several gateways share the file system,
   * another node may be writing a temp file right now; a margin keeps its upload alive.
   */
  olderThanMs?: number;
  now?: Date;
}

/**
 * Start-up cleanup, in every bucket's `.sgwtmp`: removes temp files of single PUTs that were
 * interrupted (crash, kill) before being renamed into place, and the upload directories whose
 * background deletion was (`removing/`). Unnamed O_TMPFILE files need no cleanup; the multipart
 * subtree belongs to upload recovery and is not touched. Resolves the removed paths.
 */
export async function removeStaleTempFiles(root: string, options: StaleTempFileOptions = {}): Promise<string[]> {
  const cutoff = (options.now ?? new Date()).getTime() - (options.olderThanMs ?? 0);
  const removed: string[] = [];
  for (const bucket of await bucketNames(root)) {
    const tmpDir = path.join(root, bucket, TMP_DIR);
    let entries;
    try {
      entries = await fsp.readdir(tmpDir, { withFileTypes: true });
    } catch (err) {
      if (hasErrno(err, 'ENOENT', 'ENOTDIR')) continue;
      throw err;
    }
    removed.push(...(await emptyRemovingDir(path.join(tmpDir, REMOVING_SUBDIR))));
    for (const entry of entries) {
      if (!entry.isFile() || !NAMED_TMP_FILE.test(entry.name)) continue;
      const file = path.join(tmpDir, entry.name);
      try {
        const stat = await fsp.lstat(file);
        if (stat.mtimeMs > cutoff) continue;
        await fsp.unlink(file);
        removed.push(file);
      } catch (err) {
        if (!hasErrno(err, 'ENOENT')) throw err;
      }
    }
  }
  return removed;
}

/**
 * Everything in `.sgwtmp/removing` was already taken out of sight to be deleted: no age margin.
 * Another node deleting the same directory right now is harmless (rm tolerates what is gone).
 */
async function emptyRemovingDir(removing: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(removing);
  } catch (err) {
    if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return [];
    throw err;
  }
  const dirs = names.map((name) => path.join(removing, name));
  for (const dir of dirs) await fsp.rm(dir, { recursive: true, force: true });
  return dirs;
}
