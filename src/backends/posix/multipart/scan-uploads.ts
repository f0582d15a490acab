import * as path from 'node:path';
import type { StoredUpload } from '../../backend.types';
import { bucketNames } from '../bucket-names';
import type { PosixContext } from '../context';
import { MULTIPART_DIR } from '../posix-layout';
import { describeParts, partNumbers } from './list-parts';
import { describeUpload } from './list-uploads';
import { isGone } from './upload-location';
import { compareUploads } from './upload-pages';
import { type UploadTree, readUploadTree } from './upload-tree';

export async function readBucketUploads(ctx: PosixContext, bucket: string): Promise<UploadTree> {
  const tree = await readUploadTree(ctx.native, path.join(ctx.root, bucket, MULTIPART_DIR));
  tree.uploads.sort(compareUploads);
  return tree;
}

/** Every upload of every bucket, one at a time: memory stays bounded by one upload's parts. */
export async function* scanMultipartUploads(ctx: PosixContext, options: { withParts: boolean }): AsyncIterable<StoredUpload> {
  for (const bucket of await bucketNames(ctx.root)) {
    for (const found of (await readBucketUploads(ctx, bucket)).uploads) {
      const summary = await describeUpload(ctx, found);
      if (summary === undefined) continue;
      const upload: StoredUpload = { bucket, ...summary };
      if (options.withParts) {
        try {
          upload.parts = await describeParts(ctx.native, found.uploadDir, await partNumbers(found.uploadDir));
        } catch (err) {
          if (isGone(err)) continue;
          throw err;
        }
      }
      yield upload;
    }
  }
}
