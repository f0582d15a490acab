import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { VersioningStatus } from '../../backend.types';

export type { VersioningStatus } from '../../backend.types';

/**
 * Names shared with VersityGW's posix backend (backend/posix/posix.go), so a versioned tree written
 * by one gateway is served by the other. Older versions live outside the root, under the gateway's
 * versioning directory (--versioning-dir): `<dir>/<bucket>/<h[0:2]>/<h[2:4]>/<h[4:6]>/<h>/<version id>`,
 * h the sha256 hex of the key, each file carrying the attributes it had as the current object.
 */
export const VERSIONING_XATTR = {
  /** On the bucket directory: one byte, 1 Enabled, 0 Suspended; absent while versioning was never set. */
  bucketStatus: 'user.versioning',
  /** On an object or an older version: its ULID. The null version has none. */
  versionId: 'user.version-id',
  /** Present (empty) on a delete marker, current or older. */
  deleteMarker: 'user.delete-marker',
} as const;

/** The version id of an object written while versioning was never enabled, or suspended. */
export const NULL_VERSION = 'null';


/** Byte values of VERSIONING_XATTR.bucketStatus. */
export const STATUS_BYTE: Readonly<Record<VersioningStatus, number>> = { Enabled: 1, Suspended: 0 };

/** The directory of a key's older versions, relative to the bucket's directory in the versioning directory. */
export function versionsDirOfKey(key: string): string {
  const sum = createHash('sha256').update(key).digest('hex');
  return path.join(sum.slice(0, 2), sum.slice(2, 4), sum.slice(4, 6), sum);
}

/** Temporary files of version copies (a version directory on another file system): the bucket's `.sgwtmp` in the versioning directory, as VersityGW's. */
export const VERSIONS_TMP_DIR = '.sgwtmp';
