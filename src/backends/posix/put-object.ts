import { createWriteStream, promises as fsp, open, write, writev } from 'node:fs';
import * as path from 'node:path';
import { type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { S3Error } from '../../s3/errors/s3-error';
import { traceOpenTmpFile, traceWriteData } from '../../telemetry/posix-io-spans';
import type { PutObjectInput, PutObjectOutput, WriteConditions } from '../backend.types';
import { etagHeaderMatches, unquoteEtag } from '../common/etag';
import { BodyMeter } from './body-meter';
import { type PosixContext, realBucket } from './context';
import { ensureDirectories } from './dirs';
import { directoryObjectContainsData, existingObjectIsDirectory, hasErrno, objectParentIsFile, toS3Error } from './errno';
import { clearObjectAttrs, fdAttrs, pathAttrs, writeChecksums, writeObjectAttrs, writeTagging } from './object-attrs';
import { type ObjectPath, resolveObjectPath } from './paths';
import { DIRECTORY_CONTENT_TYPE, EMPTY_MD5, TMP_DIR, XATTR } from './posix-layout';
import { bucketOfTmpDir, TempObjectFile } from './tmp-file';

/**
 * The write stream's file operations, except close: the temporary file's descriptor belongs to
 * TempObjectFile. A stream destroyed on an error closes its fd whatever autoClose says, and
 * dispose() closing it again would close whichever file had been given that number meanwhile.
 */
const FD_STAYS_OPEN = { open, write, writev, close: (_fd: number, done: (err: NodeJS.ErrnoException | null) => void) => done(null) };

/** Concurrent deletes may remove a parent we just created; that many times we make it again. */
const PLACE_ATTEMPTS = 3;

/**
 * Streams the body into `meter` → `sink`. A body that fails with an S3Error (a signature that did not
 * verify) keeps that error; any other body failure means the client stopped sending: IncompleteBody.
 * pipeline() destroys every stream with the first error, so which stream failed first is recorded
 * here (these listeners run before pipeline's own) to tell a client's failure from a disk's.
 */
async function receive(body: Readable, meter: BodyMeter, sink: NodeJS.WritableStream): Promise<void> {
  let origin: 'body' | 'gateway' | undefined;
  let bodyError: unknown;
  body.on('error', (err: unknown) => {
    origin ??= 'body';
    bodyError ??= err;
  });
  meter.on('error', () => (origin ??= 'gateway'));
  sink.on('error', () => (origin ??= 'gateway'));
  try {
    await pipeline(body, meter, sink);
  } catch (err) {
    if (origin !== 'body') throw err;
    if (bodyError instanceof S3Error) throw bodyError;
    throw new S3Error('IncompleteBody', undefined, {}, { cause: bodyError });
  }
}

/** A payload on its way to a file: the verified body and what it must add up to. */
export interface IncomingBody {
  body: Readable;
  /** The body must deliver exactly this many bytes (IncompleteBody otherwise). */
  contentLength: number;
  /** Decoded Content-MD5 when the client sent one: BadDigest when the data differs. */
  contentMd5?: Buffer;
}

function checkReceived(meter: BodyMeter, input: IncomingBody): Buffer {
  if (meter.bytes < input.contentLength) throw new S3Error('IncompleteBody');
  const md5 = meter.digest();
  if (input.contentMd5 !== undefined && !md5.equals(input.contentMd5)) throw new S3Error('BadDigest');
  return md5;
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
 * Streams a body into a new temporary file in `tmpDir` and syncs it: the write path PutObject,
 * UploadPart and UploadPartCopy share (and with it their I/O spans). Nothing is named yet, so a
 * failure or a crash here leaves no object and no part behind.
 */
export async function stageBody(ctx: PosixContext, tmpDir: string, key: string, input: IncomingBody): Promise<StagedBody> {
  const target = { dir: tmpDir, bucket: bucketOfTmpDir(tmpDir), object: key, size: input.contentLength };
  const tmp = await traceOpenTmpFile(target, () => TempObjectFile.open(ctx.native, tmpDir, key, ctx.useOtmpFile));
  try {
    const etag = await traceWriteData(async () => {
      const meter = new BodyMeter(input.contentLength);
      const sink = createWriteStream(tmpDir, { fd: tmp.fd, autoClose: false, highWaterMark: 1 << 20, fs: FD_STAYS_OPEN });
      await receive(input.body, meter, sink);
      const md5 = checkReceived(meter, input).toString('hex');
      await tmp.sync();
      return { bytesWritten: meter.bytes, result: md5 };
    });
    return { tmp, etag };
  } catch (err) {
    await tmp.dispose();
    throw err;
  }
}

async function putFile(ctx: PosixContext, op: ObjectPath, input: PutObjectInput): Promise<PutObjectOutput> {
  const bucketReal = await realBucket(ctx, op.bucket, op.bucketDir);
  await precheck(op);
  await checkWriteConditions(ctx, op, input.writeConditions);
  const { tmp, etag } = await stageBody(ctx, path.join(op.bucketDir, TMP_DIR), op.key, input);
  try {
    const io = fdAttrs(ctx.native, tmp.fd);
    await writeTagging(io, input.tagging);
    // Verified by now: a trailer is read, and checked, before the body ends.
    const checksum = input.checksum?.value();
    if (input.checksum && checksum !== undefined) {
      const { algorithm } = input.checksum;
      await writeChecksums(io, { spec: { algorithm, type: 'FULL_OBJECT' }, value: { algorithm, value: checksum } });
    }
    await writeObjectAttrs(io, etag, input.metadata);
    await place(ctx, op, bucketReal, tmp, input.writeConditions);
    return { etag };
  } finally {
    await tmp.dispose();
  }
}

/** Consumes a body that must be empty, so that a signature check at its end still runs. */
async function drainEmpty(body: Readable, input: PutObjectInput): Promise<void> {
  const meter = new BodyMeter(0);
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  await receive(body, meter, discard);
  checkReceived(meter, input);
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
  const metadata = { ...input.metadata, contentType: input.metadata.contentType || DIRECTORY_CONTENT_TYPE };
  await writeTagging(io, input.tagging);
  await writeObjectAttrs(io, EMPTY_MD5, metadata);
  return { etag: EMPTY_MD5 };
}

export async function putObject(ctx: PosixContext, input: PutObjectInput): Promise<PutObjectOutput> {
  const op = resolveObjectPath(ctx.root, input.bucket, input.key);
  try {
    return op.isDirectoryObject ? await putDirectory(ctx, op, input) : await putFile(ctx, op, input);
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
