import type { BucketInput } from '../backend.types';
import { type PosixContext, realBucket } from './context';
import { toS3Error } from './errno';
import { pathAttrs, setAttr } from './object-attrs';
import { bucketDir } from './paths';
import { XATTR } from './posix-layout';

/** The bucket's CORS document as stored in `user.cors` (VersityGW's place), undefined when it has none. */
export async function getBucketCors(ctx: PosixContext, input: BucketInput): Promise<Buffer | undefined> {
  const dir = await realBucket(ctx, input.bucket, bucketDir(ctx.root, input.bucket));
  try {
    const raw = await ctx.native.getXattr(dir, XATTR.cors);
    return raw === undefined || raw.length === 0 ? undefined : raw;
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
  }
}

/** Stores the document; `undefined` removes it (DeleteBucketCors), which succeeds when there is none. */
export async function putBucketCors(ctx: PosixContext, input: BucketInput & { cors: Buffer | undefined }): Promise<void> {
  const dir = await realBucket(ctx, input.bucket, bucketDir(ctx.root, input.bucket));
  try {
    const io = pathAttrs(ctx.native, dir);
    if (input.cors === undefined) await io.remove(XATTR.cors);
    else await setAttr(io, XATTR.cors, input.cors);
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
  }
}
