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

const DOT = 0x2e;

const badKey = (message: string): S3Error => new S3Error('InvalidArgument', message, { ArgumentName: 'key' });

/**
 * The backend's last line of defence for bucket names (the HTTP layer validates them fully):
 * anything that is not one plain directory name directly under the root is refused.
 */
export function bucketDir(root: string, bucket: string): string {
  if (bucket === '' || bucket.includes('/') || bucket.includes('\0') || bucket.startsWith('.')) {
    throw new S3Error('InvalidBucketName');
  }
  let ofRoot = joinedBuckets.get(root);
  if (ofRoot === undefined) joinedBuckets.set(root, (ofRoot = new Map()));
  let dir = ofRoot.get(bucket);
  if (dir === undefined) {
    if (ofRoot.size >= MAX_JOINED_BUCKETS) ofRoot.clear();
    ofRoot.set(bucket, (dir = path.join(root, bucket)));
  }
  return dir;
}

/** `<root>/<bucket>` by root and bucket: path.join normalises the root again on every call, and every request asks. */
const joinedBuckets = new Map<string, Map<string, string>>();
/** Bucket names are few; a flood of made-up ones only empties the cache. */
const MAX_JOINED_BUCKETS = 4096;

/**
 * The one place a bucket and key become a path. Every key maps to exactly one path inside its
 * bucket and no two keys map to the same path, so keys that a file system would normalise
 * (empty, `.` or `..` segments, a leading `/`) are refused instead of aliased, as are keys that
 * reach into the bucket's temporary directory.
 */
export function resolveObjectPath(root: string, bucket: string, key: string): ObjectPath {
  const dir = bucketDir(root, bucket);
  if (key.length * 3 > MAX_KEY_BYTES && Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError');
  if (key === '') throw badKey('Object key must not be empty.');
  if (key.includes('\0')) throw badKey('Object key must not contain a NUL character.');

  const isDirectoryObject = key.endsWith('/');
  // The segments are checked where they lie, without splitting the key: its path is the key itself.
  const relativePath = isDirectoryObject ? key.slice(0, -1) : key;
  let start = 0;
  while (start <= relativePath.length) {
    let end = relativePath.indexOf('/', start);
    if (end === -1) end = relativePath.length;
    checkSegment(relativePath, start, end);
    start = end + 1;
  }
  const first = relativePath.indexOf('/');
  if ((first === -1 ? relativePath : relativePath.slice(0, first)) === TMP_DIR) throw badKey(`Object keys under ${TMP_DIR}/ are reserved.`);
  return { bucket, key, bucketDir: dir, path: `${dir}/${relativePath}`, relativePath, isDirectoryObject };
}

/** The segment of `path` from `start` to `end` (exclusive): a name a file system can store as it is. */
function checkSegment(path: string, start: number, end: number): void {
  const length = end - start;
  if (length === 0 || (path.charCodeAt(start) === DOT && (length === 1 || (length === 2 && path.charCodeAt(start + 1) === DOT)))) {
    throw badKey('Object key has an empty, "." or ".." path segment, which this file-system backend cannot store.');
  }
  // A UTF-16 unit is at most 3 bytes of UTF-8: only a long segment needs counting.
  if (length * 3 > MAX_SEGMENT_BYTES && Buffer.byteLength(path.slice(start, end), 'utf8') > MAX_SEGMENT_BYTES) throw new S3Error('KeyTooLongError');
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
