import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { S3Error } from '../../s3/errors/s3-error';
import { TMP_DIR } from './posix-layout';

/** S3's limit on a key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;
/** NAME_MAX of Linux file systems: a longer segment could never be created. */
const MAX_SEGMENT_BYTES = 255;

export interface ObjectPath {
  bucket: string;
  key: string;
  /** `<root>/<bucket>` as configured (not resolved through symlinks). */
  bucketDir: string;
  /** Where the object lives; for a directory object (key ending in `/`) the directory itself. */
  path: string;
  /** The same, relative to the bucket directory (what openat2 resolves beneath it). */
  relativePath: string;
  /** Key ends in `/`: the object is a directory carrying the ETag attribute. */
  isDirectoryObject: boolean;
}

const badKey = (message: string): S3Error => new S3Error('InvalidArgument', message, { ArgumentName: 'key' });

/**
 * The backend's last line of defence for bucket names (the HTTP layer validates them fully):
 * anything that is not one plain directory name directly under the root is refused.
 */
export function bucketDir(root: string, bucket: string): string {
  if (bucket === '' || bucket.includes('/') || bucket.includes('\0') || bucket.startsWith('.')) {
    throw new S3Error('InvalidBucketName');
  }
  return path.join(root, bucket);
}

/**
 * The one place a bucket and key become a path. Every key maps to exactly one path inside its
 * bucket and no two keys map to the same path, so keys that a file system would normalise
 * (empty, `.` or `..` segments, a leading `/`) are refused instead of aliased, as are keys that
 * reach into the bucket's temporary directory.
 */
export function resolveObjectPath(root: string, bucket: string, key: string): ObjectPath {
  const dir = bucketDir(root, bucket);
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError');
  if (key === '') throw badKey('Object key must not be empty.');
  if (key.includes('\0')) throw badKey('Object key must not contain a NUL character.');

  const isDirectoryObject = key.endsWith('/');
  const segments = (isDirectoryObject ? key.slice(0, -1) : key).split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw badKey('Object key has an empty, "." or ".." path segment, which this file-system backend cannot store.');
    }
    if (Buffer.byteLength(segment, 'utf8') > MAX_SEGMENT_BYTES) throw new S3Error('KeyTooLongError');
  }
  if (segments[0] === TMP_DIR) throw badKey(`Object keys under ${TMP_DIR}/ are reserved.`);

  const relativePath = segments.join('/');
  return { bucket, key, bucketDir: dir, path: `${dir}/${relativePath}`, relativePath, isDirectoryObject };
}

function within(base: string, candidate: string): boolean {
  return candidate === base || candidate.startsWith(base.endsWith(path.sep) ? base : base + path.sep);
}

/**
 * Keeps symlinks from leading a request outside the root: a bucket must resolve inside the root,
 * and every object path inside its bucket. Links that stay inside are followed like directories.
 */
export class PathGuard {
  private rootReal?: Promise<string>;

  constructor(private readonly root: string) {}

  private realRoot(): Promise<string> {
    this.rootReal ??= fsp.realpath(this.root);
    return this.rootReal;
  }

  /** The bucket directory resolved through symlinks; rejects (ENOENT, ENOTDIR) when it is not a directory. */
  async bucketReal(bucketDirPath: string): Promise<string> {
    const [rootReal, real] = await Promise.all([this.realRoot(), fsp.realpath(bucketDirPath)]);
    const stat = await fsp.stat(real);
    if (!stat.isDirectory()) throw Object.assign(new Error(`${bucketDirPath} is not a directory`), { code: 'ENOTDIR' });
    if (!within(rootReal, real) || real === rootReal) throw new S3Error('AccessDenied', 'Bucket resolves outside the root.');
    return real;
  }

  /** Throws AccessDenied unless the existing `target` resolves inside `bucketRealPath`. */
  async assertWithin(bucketRealPath: string, target: string): Promise<void> {
    const real = await fsp.realpath(target);
    if (!within(bucketRealPath, real)) throw new S3Error('AccessDenied', 'Path resolves outside its bucket.');
  }

  /**
   * Whether an open descriptor refers to a file inside the bucket. Asking the kernel which file the
   * descriptor holds (rather than resolving the name again) leaves no window for a swapped symlink.
   */
  async fdWithin(bucketRealPath: string, fd: number, openedPath: string): Promise<boolean> {
    let real: string;
    try {
      real = (await fsp.readlink(`/proc/self/fd/${fd}`)).replace(/ \(deleted\)$/, '');
    } catch {
      real = await fsp.realpath(openedPath);
    }
    return within(bucketRealPath, real);
  }
}
