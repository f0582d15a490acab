import type { BucketInput, TagSet } from '../backend.types';
import { type PosixContext, realBucket } from './context';
import { toS3Error } from './errno';
import { decodeTagging, encodeTagging, pathAttrs, setAttr } from './object-attrs';
import { bucketDir } from './paths';
import { XATTR } from './posix-layout';

/** A bucket's tags live where VersityGW keeps them: `user.X-Amz-Tagging` on its directory. */
export async function getBucketTagging(ctx: PosixContext, input: BucketInput): Promise<TagSet> {
  const dir = await realBucket(ctx, input.bucket, bucketDir(ctx.root, input.bucket));
  try {
    const raw = await ctx.native.getXattr(dir, XATTR.tagging);
    return raw === undefined ? {} : decodeTagging(raw);
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
  }
}

export async function putBucketTagging(ctx: PosixContext, input: BucketInput & { tags: TagSet }): Promise<void> {
  const dir = await realBucket(ctx, input.bucket, bucketDir(ctx.root, input.bucket));
  try {
    const io = pathAttrs(ctx.native, dir);
    if (Object.keys(input.tags).length === 0) await io.remove(XATTR.tagging);
    else await setAttr(io, XATTR.tagging, encodeTagging(input.tags));
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
  }
}
