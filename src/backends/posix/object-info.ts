import { constants as fsc, promises as fsp } from 'node:fs';
import { S3Error } from '../../s3/errors/s3-error';
import type { ObjectInfo } from '../backend.types';
import { type PosixContext, realBucket } from './context';
import { hasErrno, toS3Error } from './errno';
import { fdAttrs, readObjectAttrs } from './object-attrs';
import { resolveObjectPath } from './paths';

export interface OpenedObject {
  /** Everything about the object is read through this one descriptor, so it all describes one version. */
  handle: fsp.FileHandle;
  info: ObjectInfo;
  /** A directory object: no data to read. */
  isDirectory: boolean;
  /** Its tags, read with the rest of its attributes (empty when none). */
  tags: Record<string, string>;
}

/** O_NONBLOCK so that a FIFO planted in the tree cannot hang the open; it is refused after fstat. */
const OPEN_FLAGS = fsc.O_RDONLY | fsc.O_NONBLOCK;

/**
 * Opens an object and describes it from the open descriptor: size and mtime from fstat, ETag and
 * metadata from its extended attributes. A concurrent overwrite renames a new inode into place,
 * so what we hold stays the old version, consistently, until the caller closes it.
 */
export async function openObject(ctx: PosixContext, bucket: string, key: string): Promise<OpenedObject> {
  const op = resolveObjectPath(ctx.root, bucket, key);
  const bucketReal = await realBucket(ctx, bucket, op.bucketDir);
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(op.path, OPEN_FLAGS);
  } catch (err) {
    // ELOOP: a symlink cycle; either way there is no object by that name.
    if (hasErrno(err, 'ELOOP')) throw new S3Error('NoSuchKey');
    throw toS3Error(err, { op: 'read', key });
  }
  try {
    if (!(await ctx.guard.fdWithin(bucketReal, handle.fd, op.path))) throw new S3Error('NoSuchKey');
    const stat = await handle.stat();
    const isDirectory = stat.isDirectory();
    // A file is never `key/`, a directory is never `key`, and nothing else (FIFO, device) is an object.
    if (isDirectory !== op.isDirectoryObject || !(isDirectory || stat.isFile())) throw new S3Error('NoSuchKey');

    const attrs = await readObjectAttrs(fdAttrs(ctx.native, handle.fd));
    // A directory without an ETag is only a prefix of other keys, not an object.
    if (isDirectory && attrs.etag === undefined) throw new S3Error('NoSuchKey');

    const info: ObjectInfo = {
      key,
      size: isDirectory ? 0 : stat.size,
      etag: attrs.etag ?? '',
      lastModified: stat.mtime,
      metadata: attrs.metadata,
      ...(Object.keys(attrs.tags).length > 0 ? { tagCount: Object.keys(attrs.tags).length } : {}),
      ...(attrs.checksum === undefined ? {} : { checksum: attrs.checksum }),
    };
    return { handle, info, isDirectory, tags: attrs.tags };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw toS3Error(err, { op: 'read', key });
  }
}
