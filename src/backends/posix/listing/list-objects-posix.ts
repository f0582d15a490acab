import { promises as fsp } from 'node:fs';

import type { ListObjectsInput, ListObjectsOutput } from '../../backend.types';
import { S3Error } from '../../../s3/errors/s3-error';
import type { NativeFs } from '../native.types';
import { hidingDeleteMarkers } from '../versioning/hide-delete-markers';
import { entryDetails } from './entry-details';
import { listHints, paginate } from './paginator';
import type { ListParams } from './paginator';
import { PosixWalker, ignoreVanished } from './posix-walker';
import type { PosixWalkOptions } from './posix-walker';

export interface ListObjectsPosixOptions extends PosixWalkOptions {
  /** Without the addon's describeEntries: objects whose stat and etag are read at once. */
  concurrency?: number;
  /** A versioned bucket's: keys whose latest version is a delete marker are left out. */
  hideDeleteMarkers?: boolean;
}

/**
 * Whether any key under `prefix` is an object, its latest version no delete marker: AWS shows no
 * CommonPrefix of keys that are all deleted. The walk stops at the first one found.
 */
async function holdsObjects(bucketDir: string, native: NativeFs, bucket: string, prefix: string, options: ListObjectsPosixOptions): Promise<boolean> {
  const page = await listObjectsPosix(bucketDir, native, { bucket, prefix, delimiter: '', marker: '', maxKeys: 1 }, options);
  return page.objects.length > 0;
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
  const details = entryDetails(native, { concurrency: options.concurrency, fetchOwner: input.fetchOwner });
  const page = options.hideDeleteMarkers
    ? await paginate(walker, params, hidingDeleteMarkers(native, details), (prefix) => holdsObjects(bucketDir, native, input.bucket, prefix, options))
    : await paginate(walker, params, details);
  return {
    objects: page.objects,
    commonPrefixes: page.commonPrefixes,
    isTruncated: page.isTruncated,
    ...(page.nextMarker !== undefined ? { nextMarker: page.nextMarker } : {}),
  };
}
