import { constants as fsc, fstat, open, type Stats } from 'node:fs';
import { promisify } from 'node:util';
import { S3Error } from '../../s3/errors/s3-error';
import type { ObjectInfo } from '../backend.types';
import { type PosixContext, realBucket } from './context';
import { errnoOf, hasErrno, toS3Error } from './errno';
import type { NativeFs, NativeOpenedObject } from './native.types';
import { decodeObjectAttrs, fdAttrs, readObjectAttrs, type StoredAttrs } from './object-attrs';
import { OpenFile } from './open-file';
import { resolveObjectPath } from './paths';

export interface OpenedObject {
  /**
   * Everything about the object is read through this one descriptor, so it all describes one
   * version. Absent when the open was only to describe the object, or its data was read whole.
   */
  file?: OpenFile;
  /** The whole data, when it was at most the read limit asked for. */
  data?: Buffer;
  info: ObjectInfo;
  /** A directory object: no data to read. */
  isDirectory: boolean;
  /** Its tags, read with the rest of its attributes (empty when none). */
  tags: Record<string, string>;
}

/** What openObject should leave open or read: a descriptor to use, nothing (HEAD), or the data itself when small. */
export type ObjectAccess = { keep: 'descriptor' } | { keep: 'nothing' } | { keep: 'data-up-to'; bytes: number };
const KEEP_DESCRIPTOR: ObjectAccess = { keep: 'descriptor' };

/** native openObject's readLimit: read whole up to this many bytes; -1 close after describing; -2 keep open. */
function readLimitOf(access: ObjectAccess): number {
  if (access.keep === 'nothing') return -1;
  return access.keep === 'data-up-to' ? access.bytes : -2;
}

/** O_NONBLOCK so that a FIFO planted in the tree cannot hang the open; it is refused after fstat. */
const OPEN_FLAGS = fsc.O_RDONLY | fsc.O_NONBLOCK;
const KIND_FILE = 0;
const KIND_DIRECTORY = 1;

/** The addons whose openat2 answered ENOSYS (Linux before 5.6, or a seccomp filter): node:fs from then on. */
const withoutOpenat2 = new WeakSet<NativeFs>();
/** The addons whose kernel cannot open from memory alone (before Linux 5.12, or no RWF_NOWAIT here): the pool every time. */
const withoutCachedOpen = new WeakSet<NativeFs>();

/**
 * The object opened on this thread when the kernel has all of it in memory, else undefined. A hot
 * object then costs no thread-pool hand-off, which for a small GET on a busy core costs more than
 * the open itself; what would wait on the disk still goes to the pool. The key is opened beneath
 * the bucket's held directory; a key not found there is looked up again by the bucket's name, in
 * case the bucket was replaced outside the gateway since.
 */
function openFromMemory(ctx: PosixContext, rootFd: number, bucket: string, path: string, readLimit: number): NativeOpenedObject | undefined {
  const { native } = ctx;
  if (native.openObjectCached === undefined || withoutCachedOpen.has(native) || !ctx.opensFromMemory()) return undefined;
  const bucketFd = ctx.bucketDirectories.fd(native, rootFd, bucket);
  let opened: NativeOpenedObject | undefined | null;
  if (bucketFd === undefined) {
    opened = native.openObjectCached(rootFd, bucket, path, readLimit);
  } else {
    try {
      opened = native.openObjectCached(rootFd, bucketFd, path, readLimit);
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
      ctx.bucketDirectories.forget(bucket);
      opened = native.openObjectCached(rootFd, bucket, path, readLimit);
    }
  }
  if (opened !== null) return opened;
  withoutCachedOpen.add(native);
  return undefined;
}

/**
 * Opens an object and describes it from the open descriptor: size and mtime from fstat, ETag and
 * metadata from its extended attributes. A concurrent overwrite renames a new inode into place,
 * so what we hold stays the old version, consistently, until the caller closes it.
 * Where the kernel has openat2, the native openObject confines the open to the bucket, on this
 * thread when everything is in memory, else in one trip through the thread pool; the node:fs calls
 * and the path guard otherwise.
 */
export async function openObject(ctx: PosixContext, bucket: string, key: string, access: ObjectAccess = KEEP_DESCRIPTOR): Promise<OpenedObject> {
  const op = resolveObjectPath(ctx.root, bucket, key);
  if (!withoutOpenat2.has(ctx.native)) {
    let opened: NativeOpenedObject;
    try {
      const rootFd = ctx.rootFd();
      const limit = readLimitOf(access);
      opened = openFromMemory(ctx, rootFd, bucket, op.relativePath, limit) ?? (await ctx.native.openObject(rootFd, bucket, op.relativePath, limit));
    } catch (err) {
      if (errnoOf(err) !== 'ENOSYS') throw nativeOpenError(err, bucket, key);
      withoutOpenat2.add(ctx.native);
      return openWithNodeFs(ctx, op, access);
    }
    const [fd, kind, size, mtimeMs, pairs, data] = opened;
    const file = fd >= 0 ? new OpenFile(fd) : undefined;
    try {
      return describe(key, op.isDirectoryObject, kind, size, new Date(mtimeMs), decodeObjectAttrs(pairs), file, data);
    } catch (err) {
      await file?.close().catch(() => undefined);
      throw err;
    }
  }
  return openWithNodeFs(ctx, op, access);
}

/** An object opened to be read or changed through its descriptor (copies, tagging): the descriptor is always there. */
export type OpenedObjectFile = OpenedObject & { file: OpenFile };

export async function openObjectFile(ctx: PosixContext, bucket: string, key: string): Promise<OpenedObjectFile> {
  const opened = await openObject(ctx, bucket, key, KEEP_DESCRIPTOR);
  if (opened.file === undefined) throw new S3Error('InternalError', 'an object opened for its descriptor came back closed');
  return opened as OpenedObjectFile;
}

/** The S3 error of a failed native open: its `scope` tells a missing bucket from a missing key. */
function nativeOpenError(err: unknown, bucket: string, key: string): S3Error {
  const scope = (err as { scope?: string }).scope;
  const code = errnoOf(err);
  if (scope === 'bucket') {
    if (code === 'EXDEV') return new S3Error('AccessDenied', 'Bucket resolves outside the root.');
    if (code === 'ELOOP') return new S3Error('NoSuchBucket');
    return toS3Error(err, { op: 'bucket', bucket });
  }
  // EXDEV: a link out of the bucket; ELOOP: a symlink cycle. Either way there is no object by that name.
  if (code === 'EXDEV' || code === 'ELOOP') return new S3Error('NoSuchKey');
  return toS3Error(err, { op: 'read', key });
}

function describe(
  key: string,
  wantDirectory: boolean,
  kind: number,
  size: number,
  lastModified: Date,
  attrs: StoredAttrs,
  file: OpenFile | undefined,
  data: Buffer | undefined,
): OpenedObject {
  const isDirectory = kind === KIND_DIRECTORY;
  // A file is never `key/`, a directory is never `key`, and nothing else (FIFO, device) is an object.
  if (isDirectory !== wantDirectory || !(isDirectory || kind === KIND_FILE)) throw new S3Error('NoSuchKey');
  // A directory without an ETag is only a prefix of other keys, not an object.
  if (isDirectory && attrs.etag === undefined) throw new S3Error('NoSuchKey');
  const info: ObjectInfo = { key, size: isDirectory ? 0 : size, etag: attrs.etag ?? '', lastModified, metadata: attrs.metadata };
  const tagCount = Object.keys(attrs.tags).length;
  if (tagCount > 0) info.tagCount = tagCount;
  if (attrs.checksum !== undefined) info.checksum = attrs.checksum;
  if (attrs.versionId !== undefined) info.versionId = attrs.versionId;
  if (attrs.deleteMarker) info.deleteMarker = true;
  if (attrs.acl !== undefined) info.acl = attrs.acl;
  if (attrs.lock !== undefined) info.lock = attrs.lock;
  return { file, data, info, isDirectory, tags: attrs.tags };
}

const openFd = promisify(open);
const fstatFd = promisify(fstat);

/** The same without openat2: open by path, then make sure the descriptor is inside the bucket. */
async function openWithNodeFs(ctx: PosixContext, op: ReturnType<typeof resolveObjectPath>, access: ObjectAccess): Promise<OpenedObject> {
  const bucketReal = await realBucket(ctx, op.bucket, op.bucketDir);
  let file: OpenFile;
  try {
    file = new OpenFile(await openFd(op.path, OPEN_FLAGS));
  } catch (err) {
    // ELOOP: a symlink cycle; either way there is no object by that name.
    if (hasErrno(err, 'ELOOP')) throw new S3Error('NoSuchKey');
    throw toS3Error(err, { op: 'read', key: op.key });
  }
  try {
    if (!(await ctx.guard.fdWithin(bucketReal, file.fd, op.path))) throw new S3Error('NoSuchKey');
    const stat: Stats = await fstatFd(file.fd);
    const kind = stat.isFile() ? KIND_FILE : stat.isDirectory() ? KIND_DIRECTORY : -1;
    const attrs = kind === -1 ? decodeObjectAttrs([]) : await readObjectAttrs(fdAttrs(ctx.native, file.fd));
    const closeNow = access.keep === 'nothing' || (kind === KIND_DIRECTORY && access.keep !== 'descriptor');
    const opened = describe(op.key, op.isDirectoryObject, kind, stat.size, stat.mtime, attrs, closeNow ? undefined : file, undefined);
    if (closeNow) await file.close();
    return opened;
  } catch (err) {
    await file.close().catch(() => undefined);
    throw toS3Error(err, { op: 'read', key: op.key });
  }
}
