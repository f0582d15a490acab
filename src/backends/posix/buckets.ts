import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { S3Error } from '../../s3/errors/s3-error';
import type { BucketInfo, CreateBucketInput } from '../backend.types';
import { encodeAcl } from './acl-attr';
import { bucketNames } from './bucket-names';
import { hasErrno, toS3Error } from './errno';
import { pathAttrs } from './object-attrs';
import type { NativeFs } from './native.types';
import { bucketDir } from './paths';
import { type BucketAcl, defaultBucketAcl, MULTIPART_SUBDIR, TMP_DIR, XATTR } from './posix-layout';

/** Owner recorded in the bucket's ACL attribute; '' when it has none or it is unreadable. */
async function readOwner(native: NativeFs, dir: string): Promise<string> {
  const raw = await native.getXattr(dir, XATTR.acl);
  if (raw === undefined || raw.length === 0) return '';
  try {
    const acl = JSON.parse(raw.toString('utf8')) as Partial<BucketAcl>;
    return typeof acl.Owner === 'string' ? acl.Owner : '';
  } catch {
    return '';
  }
}

/** When the bucket came to be: birth time where the file system records it, else the inode change time. */
function creationDate(stat: { birthtimeMs: number; ctime: Date; birthtime: Date }): Date {
  return stat.birthtimeMs > 0 ? stat.birthtime : stat.ctime;
}

export async function listBuckets(native: NativeFs, root: string): Promise<BucketInfo[]> {
  const names = await bucketNames(root);
  const buckets = await Promise.all(
    names.map(async (name): Promise<BucketInfo | undefined> => {
      const dir = path.join(root, name);
      try {
        const [stat, owner] = await Promise.all([fsp.stat(dir), readOwner(native, dir)]);
        return { name, creationDate: creationDate(stat), owner };
      } catch (err) {
        if (hasErrno(err, 'ENOENT')) return undefined; // deleted while we listed
        throw err;
      }
    }),
  );
  return buckets.filter((b): b is BucketInfo => b !== undefined).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function headBucket(native: NativeFs, root: string, bucket: string): Promise<BucketInfo> {
  const dir = bucketDir(root, bucket);
  try {
    const stat = await fsp.stat(dir);
    if (!stat.isDirectory()) throw new S3Error('NoSuchBucket');
    return { name: bucket, creationDate: creationDate(stat), owner: await readOwner(native, dir) };
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket });
  }
}

/**
 * The ACL (the owner's FULL_CONTROL alone unless the request gave one) and the ownership control
 * when the request named one: without it the bucket has none and keeps ACLs enabled, as buckets
 * did before AWS's 2023 default (docs/access-control.md).
 */
export async function createBucket(native: NativeFs, root: string, input: CreateBucketInput, mode: number): Promise<void> {
  const { bucket, owner } = input;
  const dir = bucketDir(root, bucket);
  try {
    await fsp.mkdir(dir, mode);
  } catch (err) {
    if (!hasErrno(err, 'EEXIST')) throw toS3Error(err, { op: 'bucket', bucket });
    // Same answer VersityGW gives: the owner recorded in the ACL decides which conflict it is.
    const existingOwner = await readOwner(native, dir).catch(() => '');
    throw new S3Error(existingOwner !== '' && existingOwner === owner ? 'BucketAlreadyOwnedByYou' : 'BucketAlreadyExists');
  }
  try {
    await native.setXattr(dir, XATTR.acl, input.acl ? encodeAcl(input.acl) : Buffer.from(JSON.stringify(defaultBucketAcl(owner))));
    if (input.ownership !== undefined) await native.setXattr(dir, XATTR.ownership, Buffer.from(input.ownership));
    await fsp.mkdir(path.join(dir, TMP_DIR), mode);
  } catch (err) {
    // A bucket without its owner would be claimable by anyone: undo rather than leave it half made.
    await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw toS3Error(err, { op: 'bucket', bucket });
  }
}

/**
 * VersityGW's ChangeBucketOwner: the ACL attribute is replaced by the new owner's default ACL
 * (owner + FULL_CONTROL to it), as its admin controller builds it; other grants do not survive.
 */
export async function changeBucketOwner(native: NativeFs, root: string, bucket: string, owner: string): Promise<void> {
  const dir = bucketDir(root, bucket);
  try {
    const stat = await fsp.stat(dir);
    if (!stat.isDirectory()) throw new S3Error('NoSuchBucket');
    await native.setXattr(dir, XATTR.acl, Buffer.from(JSON.stringify(defaultBucketAcl(owner))));
    // As VersityGW's UpdateBucketACLOwner: the old owner's policy must not keep speaking for the bucket.
    await pathAttrs(native, dir).remove(XATTR.policy);
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket });
  }
}

/** True when `.sgwtmp/multipart` holds at least one upload directory (`<sha256>/<upload id>`). */
async function hasUploadsInFlight(tmpDir: string): Promise<boolean> {
  const multipart = path.join(tmpDir, MULTIPART_SUBDIR);
  const keyDirs = await fsp.readdir(multipart, { withFileTypes: true }).catch((err: unknown) => {
    if (hasErrno(err, 'ENOENT', 'ENOTDIR')) return [];
    throw err;
  });
  for (const keyDir of keyDirs) {
    if (!keyDir.isDirectory()) continue;
    const uploads = await fsp.readdir(path.join(multipart, keyDir.name), { withFileTypes: true }).catch(() => []);
    if (uploads.some((u) => u.isDirectory())) return true;
  }
  return false;
}

/**
 * Refuses while any object or multipart upload remains; leftovers of single PUTs in `.sgwtmp`
 * do not count. VersityGW only looks at the top level; in-flight uploads are checked here too
 * so that deleting a bucket never throws away parts a client is still sending.
 */
export async function deleteBucket(root: string, bucket: string): Promise<void> {
  const dir = bucketDir(root, bucket);
  try {
    const stat = await fsp.stat(dir);
    if (!stat.isDirectory()) throw new S3Error('NoSuchBucket');
    const entries = await fsp.readdir(dir);
    const tmpDir = path.join(dir, TMP_DIR);
    if (entries.some((name) => name !== TMP_DIR) || (await hasUploadsInFlight(tmpDir))) {
      throw new S3Error('BucketNotEmpty');
    }
    await fsp.rm(tmpDir, { recursive: true, force: true });
    await fsp.rmdir(dir);
  } catch (err) {
    // An object created between our check and the rmdir.
    if (hasErrno(err, 'ENOTEMPTY', 'EEXIST')) throw new S3Error('BucketNotEmpty');
    throw toS3Error(err, { op: 'bucket', bucket });
  }
}
