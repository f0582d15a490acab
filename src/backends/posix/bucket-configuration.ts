import { open } from 'node:fs/promises';
import { constants as fsc } from 'node:fs';
import type { BucketConfiguration, BucketInput } from '../backend.types';
import { decodeBucketAccess } from './bucket-access';
import { BUCKET_LOCK_XATTR, decodeBucketLock } from './object-lock/bucket-lock';
import { type PosixContext, realBucket } from './context';
import { toS3Error } from './errno';
import { bucketDir } from './paths';
import { XATTR } from './posix-layout';
import { decodeBucketVersioning } from './versioning/bucket-versioning';
import { VERSIONING_XATTR } from './versioning/version-layout';

/**
 * A bucket's configuration from its directory's `user.` attributes, all read in one pass through
 * one descriptor (so they describe one directory, even if the bucket is replaced meanwhile):
 * ACL, ownership, public access block, policy, CORS, object lock and, where the gateway keeps versions, the
 * versioning status (VersityGW ignores that attribute without a versioning directory, and so
 * does tracegw). NoSuchBucket when the bucket is absent.
 */
export async function readBucketConfiguration(ctx: PosixContext, input: BucketInput): Promise<BucketConfiguration> {
  const dir = await realBucket(ctx, input.bucket, bucketDir(ctx.root, input.bucket));
  let attrs: Record<string, Buffer>;
  try {
    const handle = await open(dir, fsc.O_RDONLY | fsc.O_DIRECTORY);
    try {
      attrs = await ctx.native.readUserXattrs(handle.fd);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw toS3Error(err, { op: 'bucket', bucket: input.bucket });
  }
  const attr = (name: string): Buffer | undefined => attrs[name];
  const cors = attr(XATTR.cors);
  const lock = attr(BUCKET_LOCK_XATTR);
  const configuration: BucketConfiguration = {
    access: decodeBucketAccess(attr),
    cors: cors === undefined || cors.length === 0 ? undefined : cors,
    versioning: ctx.versioning === undefined ? undefined : decodeBucketVersioning(attr(VERSIONING_XATTR.bucketStatus)),
  };
  if (lock !== undefined) configuration.objectLock = decodeBucketLock(lock);
  return configuration;
}
