import type { ObjectLock } from '../../backend-lock.types';
import type { PosixContext } from '../context';
import type { ObjectPath } from '../paths';
import { assertDeletable, lockOfNewVersion } from './lock-rules';
import { readObjectLock } from './object-lock-attrs';

/**
 * The lock a write's new version gets (object-lock/lock-rules.ts), and whether the write may
 * replace what is at the key in place: where the bucket has object lock and keeps no versions
 * (a gateway without --versioning-dir), a locked object is not overwritten. A versioned write
 * keeps the current object among the older versions, so nothing stands in its way. A bucket
 * without object lock costs a cache lookup.
 */
export async function lockForWrite(ctx: PosixContext, op: ObjectPath, requested: ObjectLock | undefined, inPlace: boolean): Promise<ObjectLock | undefined> {
  const config = await ctx.bucketLocks.configOf(op.bucket);
  const now = new Date();
  const lock = lockOfNewVersion(requested, config, now);
  if (inPlace && config?.enabled) assertDeletable(await readObjectLock(ctx.native, op.path), false, now);
  return lock;
}

/** A delete of the file at `file` (an object, or one of its versions by id): refused while its lock holds. */
export async function assertRemovable(ctx: PosixContext, file: string, bypassGovernance: boolean | undefined): Promise<void> {
  assertDeletable(await readObjectLock(ctx.native, file), bypassGovernance === true, new Date());
}
