import { S3Error } from '../../../s3/errors/s3-error';
import type { BucketInput, BucketVersioningInput, ObjectLockConfiguration } from '../../backend.types';
import { type PosixContext, realBucket } from '../context';
import { bucketDir } from '../paths';
import { readBucketLock } from './bucket-lock';

/*
 * A bucket's object lock configuration and the versioning state it pins, as VersityGW keeps them:
 * object lock needs versioning enabled, and versioning cannot be suspended under object lock.
 * Each reads the bucket's attribute fresh: a change is decided on what is stored, not on the cache.
 */

const bucketOf = (ctx: PosixContext, bucket: string): Promise<string> => realBucket(ctx, bucket, bucketDir(ctx.root, bucket));

export async function putBucketVersioning(ctx: PosixContext, input: BucketVersioningInput): Promise<void> {
  const { versioning } = ctx;
  if (versioning === undefined) throw new S3Error('VersioningNotConfigured');
  const dir = await bucketOf(ctx, input.bucket);
  if (input.status === 'Suspended' && (await readBucketLock(ctx.native, dir))?.enabled) {
    throw new S3Error('InvalidBucketState', 'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.');
  }
  await versioning.states.set(input.bucket, dir, input.status);
}

export async function getObjectLockConfiguration(ctx: PosixContext, input: BucketInput): Promise<ObjectLockConfiguration> {
  const config = await readBucketLock(ctx.native, await bucketOf(ctx, input.bucket));
  if (config === undefined) throw new S3Error('ObjectLockConfigurationNotFoundError');
  return config;
}

/**
 * As VersityGW: where the gateway keeps versions, only a bucket whose versioning is enabled takes
 * one. Its default retention is given to each new version from then on (lock-rules.ts).
 */
export async function putObjectLockConfiguration(ctx: PosixContext, input: BucketInput & { config: ObjectLockConfiguration }): Promise<void> {
  const dir = await bucketOf(ctx, input.bucket);
  const { versioning } = ctx;
  if (versioning !== undefined && (await versioning.states.statusOf(input.bucket)) !== 'Enabled') {
    throw new S3Error('InvalidBucketState', "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
  }
  await ctx.bucketLocks.set(input.bucket, dir, input.config);
}
