import { promises as fsp } from 'node:fs';

import type { ListObjectsInput, ListObjectsOutput, ObjectSummary } from '../../backend.types';
import { S3Error } from '../../../s3/errors/s3-error';
import type { NativeFs } from '../native.types';
import { XATTR } from '../posix-layout';
import { listHints, paginate } from './paginator';
import type { ListParams } from './paginator';
import { PosixWalker, decodeEtag, ignoreVanished, isVanished, isXattrUnsupported } from './posix-walker';
import type { PosixListEntry, PosixWalkOptions } from './posix-walker';

export interface ListObjectsPosixOptions extends PosixWalkOptions {
  /** Objects whose stat and etag are read at once. */
  concurrency?: number;
}

/**
 * ListObjects (V1 and V2 alike: the caller folds start-after and the continuation token into
 * `marker`) over one bucket directory. NoSuchBucket when `bucketDir` is not a directory; other
 * file-system errors are thrown as they are, for the backend's errno mapping.
 */
export async function listObjectsPosix(
  bucketDir: string,
  native: NativeFs,
  input: ListObjectsInput,
  options: ListObjectsPosixOptions = {},
): Promise<ListObjectsOutput> {
  const bucket = await ignoreVanished(fsp.stat(bucketDir));
  if (!bucket?.isDirectory()) throw new S3Error('NoSuchBucket');

  const params: ListParams = {
    prefix: input.prefix,
    delimiter: input.delimiter,
    marker: input.marker,
    maxKeys: input.maxKeys,
  };
  const walker = new PosixWalker(bucketDir, native, listHints(params), options);
  const page = await paginate(walker, params, (entry) => describeEntry(native, entry), {
    concurrency: options.concurrency,
  });
  return {
    objects: page.objects,
    commonPrefixes: page.commonPrefixes,
    isTruncated: page.isTruncated,
    ...(page.nextMarker !== undefined ? { nextMarker: page.nextMarker } : {}),
  };
}

/** Size, mtime and etag of a listed entry; undefined when it vanished or changed type since the walk saw it. */
export async function describeEntry(native: NativeFs, entry: PosixListEntry): Promise<ObjectSummary | undefined> {
  if (entry.kind === 'directory') {
    const stats = await ignoreVanished(fsp.lstat(entry.path));
    if (!stats?.isDirectory()) return undefined;
    return { key: entry.key, size: 0, etag: entry.etag ?? '', lastModified: stats.mtime };
  }
  if (entry.kind !== 'file') {
    throw new Error(`cannot describe ${entry.kind} entry ${JSON.stringify(entry.key)}`);
  }
  const [stats, etag] = await Promise.all([ignoreVanished(fsp.lstat(entry.path)), readFileEtag(native, entry.path)]);
  if (!stats?.isFile() || etag === undefined) return undefined;
  return { key: entry.key, size: stats.size, etag, lastModified: stats.mtime };
}

/**
 * A file without the etag xattr (copied in behind the gateway's back) is still an object:
 * VersityGW lists it with an empty ETag, and so do we. Undefined only when the file is gone.
 */
async function readFileEtag(native: NativeFs, filePath: string): Promise<string | undefined> {
  try {
    const value = await native.getXattr(filePath, XATTR.etag);
    return value === undefined ? '' : decodeEtag(value);
  } catch (err) {
    if (isVanished(err)) return undefined;
    if (isXattrUnsupported(err)) return '';
    throw err;
  }
}
