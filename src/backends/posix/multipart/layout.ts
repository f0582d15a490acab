import { createHash, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { S3Error } from '../../../s3/errors/s3-error';
import { MULTIPART_DIR } from '../posix-layout';

/**
 * Where VersityGW keeps a multipart upload (backend/posix/posix.go), so either gateway serves
 * the other's uploads: `<bucket>/.sgwtmp/multipart/<sha256 hex of key>/<upload id>/<part number>`.
 * The key directory carries the key in `user.objname`; the upload directory carries what the
 * final object keeps (metadata, tags, checksum algorithm); each part file its `user.etag`.
 */

/** S3 numbers parts 1 to 10,000. */
export const MAX_PART_NUMBER = 10_000;
/** Every part but the last must be at least this large (EntityTooSmall). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

/**
 * Set on an upload directory just before its object is renamed into place: what the object will
 * be, so recovery can tell a completion that crashed after the rename (object present with this
 * ETag: finish it) from one that crashed before (roll back). tracegw's own; VersityGW ignores it.
 */
export const COMPLETING_XATTR = 'user.tracegw.completing';

/** An upload directory is made under this name and renamed once its attributes are set. */
export const CREATING_PREFIX = '.creating-';

/** VersityGW's upload ids are random UUIDs (google/uuid New()); tracegw makes the same. */
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_DIR = /^[0-9a-f]{64}$/;
const PART_FILE = /^[1-9][0-9]{0,4}$/;

export const newUploadId = (): string => randomUUID();
export const isUploadId = (name: string): boolean => UPLOAD_ID.test(name);
export const isKeyDirName = (name: string): boolean => KEY_DIR.test(name);

/** The part number a file name stands for, or undefined for anything that is not a part. */
export function partNumberOf(name: string): number | undefined {
  if (!PART_FILE.test(name)) return undefined;
  const n = Number(name);
  return n <= MAX_PART_NUMBER ? n : undefined;
}

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface UploadPaths {
  /** `<bucket>/.sgwtmp/multipart` */
  multipartDir: string;
  /** `<multipartDir>/<sha256 of key>`: all uploads of one key. */
  keyDir: string;
  /** `<keyDir>/<upload id>`: the parts. */
  uploadDir: string;
}

/**
 * Paths of one upload. An upload id that is not one tracegw or VersityGW could have made names
 * no upload (NoSuchUpload), which also keeps `..` and `/` out of the path.
 */
export function uploadPaths(bucketDir: string, key: string, uploadId: string): UploadPaths {
  if (!isUploadId(uploadId)) throw new S3Error('NoSuchUpload');
  const multipartDir = path.join(bucketDir, MULTIPART_DIR);
  const keyDir = path.join(multipartDir, keyHash(key));
  return { multipartDir, keyDir, uploadDir: path.join(keyDir, uploadId) };
}

export function partPath(uploadDir: string, partNumber: number): string {
  return path.join(uploadDir, String(partNumber));
}
