import { close, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { S3Error } from '../../s3/errors/s3-error';
import { traceOpenTmpFile, traceWriteData } from '../../telemetry/posix-io-spans';
import type { PutObjectInput, PutObjectOutput, WriteConditions } from '../backend.types';
import { etagHeaderMatches, unquoteEtag } from '../common/etag';
import { type BatchTarget, BatchedWriter, chunkWritesOf } from './batched-writer';
import { BodyMeter, type IncomingBody, reservedLength } from './body-meter';
import { type PosixContext, realBucket } from './context';
import { ensureDirectories } from './dirs';
import { directoryObjectContainsData, existingObjectIsDirectory, hasErrno, objectParentIsFile, toS3Error } from './errno';
import { nativeWritesFor, putStreamed, putWhole, WHOLE_BODY_BYTES } from './native-write';
import { clearObjectAttrs, fdAttrs, pathAttrs } from './object-attrs';
import { type ObjectPath, resolveObjectPath } from './paths';
import { DIRECTORY_CONTENT_TYPE, EMPTY_MD5, TMP_DIR, XATTR } from './posix-layout';
import { writePutObjectAttrs } from './put-attrs';
import { readBody } from './read-body';
import { bucketOfTmpDir, TempObjectFile } from './tmp-file';
import { putVersioned } from './versioning/versioned-put';
import { versioningOf } from './versioning/versioned-writes';
import { lockForWrite } from './object-lock/new-version-lock';

export type { IncomingBody } from './body-meter';

/** Concurrent deletes may remove a parent we just created; that many times we make it again. */
const PLACE_ATTEMPTS = 3;

/**
 * Streams a body to `writer` through `meter`, and waits for every write: on any failure the writes
 * in flight finish before the caller may close the file.
 */
async function receive(body: Readable, meter: BodyMeter, writer: BatchedWriter): Promise<void> {
  try {
    await readBody(body, (chunk) => {
      meter.add(chunk);
      return writer.take(chunk);
    });
    await writer.end();
  } catch (err) {
    await writer.abandon();
    throw err;
  }
}

/** Fails fast, before any byte is stored, when the key's place is taken by a directory or under a file. */
export async function precheck(op: ObjectPath): Promise<void> {
  try {
    const stat = await fsp.lstat(op.path);
    if (stat.isDirectory()) throw existingObjectIsDirectory(op.key);
  } catch (err) {
    if (hasErrno(err, 'ENOTDIR')) throw objectParentIsFile(op.key);
    if (!hasErrno(err, 'ENOENT')) throw err;
  }
}

/**
 * If-None-Match: * and If-Match against the object at the key now. Checked before a write's
 * data is taken (so a write bound to fail costs nothing) and again just before the rename.
 */
export async function checkWriteConditions(ctx: PosixContext, op: ObjectPath, conditions: WriteConditions | undefined): Promise<void> {
  if (conditions === undefined) return;
  let current: string | undefined;
  try {
    const stat = await fsp.lstat(op.path);
    const etag = stat.isFile() || stat.isDirectory() ? await ctx.native.getXattr(op.path, XATTR.etag) : undefined;
    // A file is an object (with an empty ETag if copied in by other tools); a directory only if it is `key/` with an ETag.
    if (stat.isFile()) current = unquoteEtag(etag?.toString() ?? '');
    else if (stat.isDirectory() && op.isDirectoryObject && etag !== undefined) current = unquoteEtag(etag.toString());
  } catch (err) {
    if (!hasErrno(err, 'ENOENT', 'ENOTDIR')) throw err;
  }
  if (conditions.ifNoneMatch && current !== undefined) throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
  if (conditions.ifMatch !== undefined) {
    if (current === undefined) throw new S3Error('NoSuchKey');
    if (!etagHeaderMatches(conditions.ifMatch, current)) throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
  }
}

/**
 * Names a finished temporary file as the object, making the key's parent directories as needed.
 * With If-None-Match: * the name is taken by one link that fails if the key is held, so of two
 * writers racing for a new key exactly one wins; If-Match is checked just before the rename (a
 * writer that slips in between the check and the rename is not seen).
 */
export async function place(ctx: PosixContext, op: ObjectPath, bucketReal: string, tmp: TempObjectFile, conditions?: WriteConditions): Promise<void> {
  const parentSegments = path.relative(op.bucketDir, path.dirname(op.path)).split(path.sep).filter((s) => s !== '');
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureDirectories(ctx.guard, bucketReal, op.bucketDir, parentSegments, op.key, ctx.dirPerms);
      await checkWriteConditions(ctx, op, conditions);
      await (conditions?.ifNoneMatch ? tmp.publishNew(op.path) : tmp.publish(op.path));
      return;
    } catch (err) {
      if (hasErrno(err, 'ENOENT') && attempt < PLACE_ATTEMPTS) continue;
      if (conditions?.ifNoneMatch && hasErrno(err, 'EEXIST') && !(await isDirectory(op.path))) {
        throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
      }
      if (hasErrno(err, 'EISDIR', 'ENOTEMPTY', 'EEXIST')) throw existingObjectIsDirectory(op.key);
      throw err;
    }
  }
}

const isDirectory = (file: string): Promise<boolean> =>
  fsp.lstat(file).then(
    (stat) => stat.isDirectory(),
    () => false,
  );

/** A body safely on disk under no name yet; the caller names it and must dispose() it. */
export interface StagedBody {
  tmp: TempObjectFile;
  /** Hex MD5 of what was received. */
  etag: string;
}

/**
 * A large body goes to the device through an O_DIRECT twin of the file (no page-cache copy: on a
 * VM each new page of the cache is a host fault) with its blocks reserved first; a small one,
 * or a file system without O_DIRECT, through the page cache. The caller closes the twin.
 */
async function batchTargetOf(ctx: PosixContext, tmp: TempObjectFile, size: number): Promise<BatchTarget> {
  if (size <= WHOLE_BODY_BYTES || !ctx.native.writeChunks) return { fd: tmp.fd, directFd: -1 };
  await ctx.native.preallocate(tmp.fd, size);
  return { fd: tmp.fd, directFd: (await ctx.native.openDirect(tmp.fd)) ?? -1 };
}

/**
 * Streams a body into a new temporary file in `tmpDir` and syncs it: the write path UploadPart,
 * UploadPartCopy, CopyObject (and PutObject where the native writes cannot serve it) share, with
 * their I/O spans. Hashed as it arrives, written in batches (batched-writer.ts) of a MiB per trip
 * through the thread pool. Nothing is named yet, so a failure or a crash here leaves no object
 * and no part behind.
 */
export async function stageBody(ctx: PosixContext, tmpDir: string, key: string, input: IncomingBody): Promise<StagedBody> {
  const target = { dir: tmpDir, bucket: bucketOfTmpDir(tmpDir), object: key, size: input.contentLength };
  const tmp = await traceOpenTmpFile(input.trace, target, () => TempObjectFile.open(ctx.native, tmpDir, key, ctx.useOtmpFile, input.trace));
  try {
    const etag = await traceWriteData(input.trace, async () => {
      const meter = new BodyMeter(input.contentLength);
      const batches = await batchTargetOf(ctx, tmp, reservedLength(input));
      try {
        await receive(input.body, meter, new BatchedWriter(chunkWritesOf(ctx.native), batches));
      } finally {
        if (batches.directFd >= 0) await closeFd(batches.directFd);
      }
      const md5 = meter.check(input).toString('hex');
      await tmp.sync();
      return { bytesWritten: meter.bytes, result: md5 };
    });
    return { tmp, etag };
  } catch (err) {
    await tmp.dispose();
    throw err;
  }
}

const closeFd = (fd: number): Promise<void> => new Promise((resolve) => close(fd, () => resolve()));

/** Today's checks before a body is taken: the bucket, what is at the key, the write conditions. */
export async function checksBeforeBody(ctx: PosixContext, op: ObjectPath, conditions: WriteConditions | undefined): Promise<string> {
  const bucketReal = await realBucket(ctx, op.bucket, op.bucketDir);
  await precheck(op);
  await checkWriteConditions(ctx, op, conditions);
  return bucketReal;
}

/**
 * A PUT through node:fs, one call at a time: where the addon lacks the native writes, the file
 * system has no O_TMPFILE or the kernel no openat2, --disableotmp, or an If-Match to compare.
 */
async function putStepByStep(ctx: PosixContext, op: ObjectPath, input: PutObjectInput): Promise<PutObjectOutput> {
  const bucketReal = await checksBeforeBody(ctx, op, input.writeConditions);
  const { tmp, etag } = await stageBody(ctx, path.join(op.bucketDir, TMP_DIR), op.key, input);
  try {
    await writePutObjectAttrs(fdAttrs(ctx.native, tmp.fd), input, etag);
    await place(ctx, op, bucketReal, tmp, input.writeConditions);
    return { etag };
  } finally {
    await tmp.dispose();
  }
}

/**
 * A file object: through the native writes where they can serve it (one thread-pool job for a
 * body of up to WHOLE_BODY_BYTES, a few plus one per batch for a larger one), else step by step.
 */
async function putFile(ctx: PosixContext, op: ObjectPath, input: PutObjectInput): Promise<PutObjectOutput> {
  const writes = nativeWritesFor(ctx, input.writeConditions);
  if (!writes) return putStepByStep(ctx, op, input);
  const stepByStep = {
    put: (replayed: PutObjectInput) => putStepByStep(ctx, op, replayed),
    checks: async () => {
      await checksBeforeBody(ctx, op, input.writeConditions);
    },
  };
  return input.contentLength <= WHOLE_BODY_BYTES ? putWhole(ctx, op, input, writes, stepByStep) : putStreamed(ctx, op, input, writes, stepByStep);
}

/** Consumes a body that must be empty, so that a signature check at its end still runs. */
async function drainEmpty(body: Readable, input: PutObjectInput): Promise<void> {
  const meter = new BodyMeter(0);
  await readBody(body, (chunk) => {
    meter.add(chunk);
    return undefined;
  });
  meter.check(input);
}

/** A key ending in `/`: a directory marked as an object by its ETag, as VersityGW stores them. */
async function putDirectory(ctx: PosixContext, op: ObjectPath, input: PutObjectInput): Promise<PutObjectOutput> {
  if (input.contentLength !== 0) throw directoryObjectContainsData();
  await drainEmpty(input.body, input).catch((err: unknown) => {
    throw S3Error.is(err, 'IncompleteBody') ? directoryObjectContainsData() : err;
  });
  const bucketReal = await realBucket(ctx, op.bucket, op.bucketDir);
  await checkWriteConditions(ctx, op, input.writeConditions);
  const segments = path.relative(op.bucketDir, op.path).split(path.sep);
  await ensureDirectories(ctx.guard, bucketReal, op.bucketDir, segments, op.key, ctx.dirPerms);
  const io = pathAttrs(ctx.native, op.path);
  await clearObjectAttrs(io);
  // The directory outlives its object: one written again takes the new write's ACL (its owner), or none.
  await io.remove(XATTR.acl);
  const metadata = { ...input.metadata, contentType: input.metadata.contentType || DIRECTORY_CONTENT_TYPE };
  await writePutObjectAttrs(io, { ...input, metadata }, EMPTY_MD5);
  return { etag: EMPTY_MD5 };
}

export async function putObject(ctx: PosixContext, input: PutObjectInput): Promise<PutObjectOutput> {
  const op = resolveObjectPath(ctx.root, input.bucket, input.key);
  try {
    if (op.isDirectoryObject) return await putDirectory(ctx, op, input);
    const versioned = versioningOf(ctx, op);
    const status = versioned === undefined ? undefined : await versioned;
    const lock = await lockForWrite(ctx, op, input.lock, status !== 'Enabled');
    // Most PUTs name no lock in a bucket without one: their input goes on as it is.
    const locked = lock === input.lock ? input : { ...input, lock };
    return status !== undefined ? await putVersioned(ctx, op, locked, status) : await putFile(ctx, op, locked);
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
