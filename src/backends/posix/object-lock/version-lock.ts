import { S3Error } from '../../../s3/errors/s3-error';
import type { LegalHoldStatus, ObjectLockChangeOutput, ObjectRetention, PutObjectLegalHoldInput, PutObjectRetentionInput } from '../../backend-lock.types';
import type { VersionedObjectInput } from '../../backend.types';
import { type PosixContext, realBucket } from '../context';
import { toS3Error } from '../errno';
import { fdAttrs, setAttr } from '../object-attrs';
import type { OpenedObjectFile } from '../object-info';
import { bucketDir } from '../paths';
import { openVersionFile } from '../versioning/open-version';
import { missingLockConfiguration } from '../../common/object-lock-errors';
import { assertRetentionChange } from './lock-rules';
import { encodeLegalHold, encodeRetention, OBJECT_LOCK_XATTR } from './object-lock-layout';

/** InvalidRequest unless the bucket has object lock enabled; NoSuchBucket without the bucket. */
async function assertLockEnabled(ctx: PosixContext, bucket: string): Promise<void> {
  // NoSuchBucket first: the configuration's read takes a missing bucket for one without object lock.
  await realBucket(ctx, bucket, bucketDir(ctx.root, bucket));
  const config = await ctx.bucketLocks.configOf(bucket);
  if (!config?.enabled) throw missingLockConfiguration('version');
}

/**
 * The version named (the latest without an id: a delete marker there is NoSuchKey; named by its
 * id, MethodNotAllowed), opened to be read or changed through its descriptor. A change holds the
 * key's lock, as deletes and new versions do, so it cannot land on a version being archived.
 */
async function withVersion<T>(ctx: PosixContext, input: VersionedObjectInput, change: boolean, work: (opened: OpenedObjectFile) => Promise<T>): Promise<T> {
  await assertLockEnabled(ctx, input.bucket);
  const run = async (): Promise<T> => {
    const opened = await openVersionFile(ctx, input);
    try {
      return await work(opened);
    } finally {
      await opened.file.close().catch(() => undefined);
    }
  };
  try {
    const { versioning } = ctx;
    return await (change && versioning !== undefined ? versioning.locks.run(`${input.bucket}\0${input.key}`, run) : run());
  } catch (err) {
    throw toS3Error(err, { op: change ? 'write' : 'read', key: input.key });
  }
}

const noLock = (): S3Error => new S3Error('NoSuchObjectLockConfiguration');
const changed = (opened: OpenedObjectFile): ObjectLockChangeOutput => (opened.info.versionId === undefined ? {} : { versionId: opened.info.versionId });

export function getObjectRetention(ctx: PosixContext, input: VersionedObjectInput): Promise<ObjectRetention> {
  return withVersion(ctx, input, false, async ({ info }) => info.lock?.retention ?? Promise.reject(noLock()));
}

export function getObjectLegalHold(ctx: PosixContext, input: VersionedObjectInput): Promise<LegalHoldStatus> {
  return withVersion(ctx, input, false, async ({ info }) => info.lock?.legalHold ?? Promise.reject(noLock()));
}

/** Sets, extends, shortens or removes a version's retention, as far as its current one allows (lock-rules.ts). */
export function putObjectRetention(ctx: PosixContext, input: PutObjectRetentionInput): Promise<ObjectLockChangeOutput> {
  return withVersion(ctx, input, true, async (opened) => {
    assertRetentionChange(opened.info.lock?.retention, input.retention, input.bypassGovernance === true, new Date());
    const io = fdAttrs(ctx.native, opened.file.fd);
    if (input.retention === undefined) await io.remove(OBJECT_LOCK_XATTR.retention);
    else await setAttr(io, OBJECT_LOCK_XATTR.retention, encodeRetention(input.retention));
    return changed(opened);
  });
}

/** A legal hold is anyone's to set or lift who may call PutObjectLegalHold: no retention stands in its way. */
export function putObjectLegalHold(ctx: PosixContext, input: PutObjectLegalHoldInput): Promise<ObjectLockChangeOutput> {
  return withVersion(ctx, input, true, async (opened) => {
    await setAttr(fdAttrs(ctx.native, opened.file.fd), OBJECT_LOCK_XATTR.legalHold, encodeLegalHold(input.legalHold));
    return changed(opened);
  });
}
