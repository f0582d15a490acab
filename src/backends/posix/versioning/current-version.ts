import { promises as fsp } from 'node:fs';
import { hasErrno } from '../errno';
import type { NativeFs } from '../native.types';
import { NULL_VERSION, VERSIONING_XATTR } from './version-layout';

/** What is at a key's place in the bucket now: the latest version, a delete marker or an object. */
export interface CurrentVersion {
  /** Its ULID, or `null` when it carries none. */
  id: string;
  deleteMarker: boolean;
}

/** The file at `file` as the key's latest version; undefined when there is none (or a directory is there). */
export async function readCurrentVersion(native: NativeFs, file: string): Promise<CurrentVersion | undefined> {
  try {
    const stat = await fsp.lstat(file);
    if (!stat.isFile()) return undefined;
    const [id, marker] = await Promise.all([native.getXattr(file, VERSIONING_XATTR.versionId), native.getXattr(file, VERSIONING_XATTR.deleteMarker)]);
    return { id: id === undefined || id.length === 0 ? NULL_VERSION : id.toString('utf8'), deleteMarker: marker !== undefined };
  } catch (err) {
    if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return undefined;
    throw err;
  }
}

/** The x-amz-delete-marker and x-amz-version-id headers of a delete marker's 404 or 405. */
export function deleteMarkerHeaders(id: string): Record<string, string> {
  return { 'x-amz-delete-marker': 'true', 'x-amz-version-id': id };
}
