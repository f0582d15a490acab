import { close } from 'node:fs';
import { Readable } from 'node:stream';
import { S3Error } from '../../s3/errors/s3-error';
import { recordWriteSteps, type TimedStep, type WriteSteps } from '../../telemetry/posix-write-spans';
import type { PutObjectInput, PutObjectOutput, WriteConditions } from '../backend.types';
import { BatchedWriter } from './batched-writer';
import { BodyMeter, reservedLength } from './body-meter';
import type { PosixContext } from './context';
import { errnoOf, existingObjectIsDirectory, hasErrno, objectParentIsFile, toS3Error } from './errno';
import type { NativeFs, NativeObjectWrites, NativePlacement, NativeWriteOutcome, NativeWriteTarget, NativeWriteTimes } from './native.types';
import type { ObjectPath } from './paths';
import { putObjectAttrList } from './put-attrs';
import { TMP_DIR } from './posix-layout';
import { readBody } from './read-body';
import { tmpFileName } from './tmp-file';

/**
 * Bodies up to this size are read whole (they are in memory anyway: one or two socket chunks for
 * the common small PUT) and written in one thread-pool job; larger ones stream in batches.
 */
export const WHOLE_BODY_BYTES = 1 << 20;

const OUTCOME_DONE = 0;
const OUTCOME_PRECONDITION_FAILED = 1;
const OUTCOME_KEY_IS_DIRECTORY = 2;
const OUTCOME_PARENT_IS_FILE = 3;
const OUTCOME_OUTSIDE_BUCKET = 4;
const OUTCOME_NO_TMPFILE = 5;

/** Addons whose writes this file system cannot take (no O_TMPFILE, or no openat2): node:fs from then on. */
const unusable = new WeakSet<NativeFs>();

/**
 * The native write calls, where they can serve this PUT: the addon has them, O_TMPFILE is
 * allowed (--disableotmp asks for named files) and the conditions are ones a link can enforce
 * (If-Match compares ETags: the step-by-step way does it).
 */
export function nativeWritesFor(ctx: PosixContext, conditions: WriteConditions | undefined): (NativeFs & NativeObjectWrites) | undefined {
  const { native } = ctx;
  if (!ctx.useOtmpFile || conditions?.ifMatch !== undefined || unusable.has(native)) return undefined;
  const { writeObject, beginObject, writeChunks, finishObject } = native;
  if (!writeObject || !beginObject || !writeChunks || !finishObject) return undefined;
  return native as NativeFs & NativeObjectWrites;
}

/** The way a PUT is written when the native calls cannot serve it, and the checks it makes before taking a body. */
export interface StepByStep {
  put(input: PutObjectInput): Promise<PutObjectOutput>;
  /** The bucket, the key's place and the write conditions, checked as before any byte is taken. */
  checks(): Promise<void>;
}

function targetOf(ctx: PosixContext, op: ObjectPath, conditions: WriteConditions | undefined): NativeWriteTarget {
  const slash = op.relativePath.lastIndexOf('/');
  return {
    rootFd: ctx.rootFd(),
    bucket: op.bucket,
    bucketFd: NO_HELD_BUCKET,
    parent: slash < 0 ? '' : op.relativePath.slice(0, slash),
    name: op.relativePath.slice(slash + 1),
    ifNoneMatch: conditions?.ifNoneMatch === true,
  };
}

function placementOf(ctx: PosixContext, op: ObjectPath, target: NativeWriteTarget, attrs: (string | Buffer)[]): NativePlacement {
  return { ...target, staged: tmpFileName(op.key), dirMode: ctx.dirPerms, attrs };
}

const NO_HELD_BUCKET = -1;

/**
 * The bucket's held directory, or undefined: also when the bucket cannot be held (missing, outside
 * the root): the write by name then answers with the S3 error of the step that refuses it.
 */
function heldBucketDirectory(ctx: PosixContext, rootFd: number, bucket: string): number | undefined {
  if (!ctx.opensFromMemory()) return undefined;
  try {
    return ctx.bucketDirectories.fd(ctx.native, rootFd, bucket);
  } catch {
    return undefined;
  }
}

/**
 * writeObject beneath the bucket's directory as the gateway holds it open (as GET opens beneath
 * it): no openat2, fstat and close of the bucket per PUT. The descriptor is looked up in the same
 * turn as the call that duplicates it, so it cannot have been closed in between. A bucket removed
 * outside the gateway since leaves a held directory nothing can be created in (ENOENT): the
 * write is made again by the bucket's name, which answers what is there now.
 */
async function writeBeneathHeldBucket(
  ctx: PosixContext,
  op: ObjectPath,
  writes: NativeObjectWrites,
  request: NativePlacement & { chunks: Buffer[] },
): ReturnType<NativeObjectWrites['writeObject']> {
  const held = heldBucketDirectory(ctx, request.rootFd, op.bucket);
  if (held === undefined) return writes.writeObject(request);
  try {
    return await writes.writeObject({ ...request, bucketFd: held });
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw err;
    ctx.bucketDirectories.forget(op.bucket);
    return writes.writeObject(request);
  }
}

/** The S3 answer of an outcome other than done (and other than no O_TMPFILE, which the callers handle). */
function outcomeError(outcome: NativeWriteOutcome, key: string): S3Error {
  switch (outcome) {
    case OUTCOME_PRECONDITION_FAILED:
      return new S3Error('PreconditionFailed', undefined, { Condition: 'If-None-Match' });
    case OUTCOME_KEY_IS_DIRECTORY:
      return existingObjectIsDirectory(key);
    case OUTCOME_PARENT_IS_FILE:
      return objectParentIsFile(key);
    case OUTCOME_OUTSIDE_BUCKET:
      return new S3Error('AccessDenied', 'Path resolves outside its bucket.');
    default:
      return new S3Error('InternalError', `unexpected native write outcome ${outcome}`);
  }
}

/** The S3 error of a rejected native write, by the step that failed. */
function writeError(err: unknown, op: ObjectPath): S3Error {
  const stage = (err as { stage?: string }).stage;
  if (stage === 'bucket') {
    if (errnoOf(err) === 'EXDEV') return new S3Error('AccessDenied', 'Bucket resolves outside the root.');
    if (errnoOf(err) === 'ELOOP') return new S3Error('NoSuchBucket');
    return toS3Error(err, { op: 'bucket', bucket: op.bucket });
  }
  // The file system ran out of room for attributes (ext4 keeps them all in one block): as setAttr says it.
  if (stage === 'xattr' && hasErrno(err, 'ENOSPC', 'E2BIG', 'ERANGE')) return new S3Error('MetadataTooLarge', undefined, {}, { cause: err });
  return toS3Error(err, { op: 'write', key: op.key });
}

/** No openat2 (Linux before 5.6, a seccomp filter): the native writes cannot confine themselves. */
const lacksOpenat2 = (err: unknown): boolean => (err as { stage?: string }).stage === 'bucket' && errnoOf(err) === 'ENOSYS';

/** performance.now() of each reported time ("ms before the result", -1: never). */
function clockOf(times: readonly number[]): (i: number) => number | undefined {
  const now = performance.now();
  return (i) => (times[i] < 0 ? undefined : now - times[i]);
}

function timesOf(err: unknown): NativeWriteTimes {
  const times = (err as { times?: unknown }).times;
  return Array.isArray(times) && times.length === 5 ? (times as NativeWriteTimes) : [-1, -1, -1, -1, -1];
}

/** A step from its reported start and end; one that started and failed ends now. */
function step(start: number | undefined, end: number | undefined, failure: unknown, failed: boolean): TimedStep | undefined {
  if (start === undefined) return undefined;
  if (end !== undefined) return { start, end };
  return failed ? { start, end: performance.now(), failure } : undefined;
}

/** The Posix.IO.* steps of writeObject or finishObject from their times, the failed one marked with its error. */
function stepsOf(times: NativeWriteTimes, failure: unknown, writeStart: number | undefined, bytesWritten: number): WriteSteps {
  const at = clockOf(times);
  const stage = failure === undefined ? undefined : (err: string[]): boolean => err.includes((failure as { stage?: string }).stage ?? '');
  const open = step(at(0), at(1), failure, stage?.(['open']) ?? false);
  const write = step(writeStart ?? at(1), at(2), failure, stage?.(['write', 'sync']) ?? false);
  const link = step(at(3), at(4), failure, stage?.(['link']) ?? false);
  return { ...(open ? { open } : {}), ...(write ? { write: { ...write, bytesWritten } } : {}), ...(link ? { link } : {}) };
}

function spanTarget(op: ObjectPath, size: number): { dir: string; bucket: string; object: string; size: number } {
  return { dir: `${op.bucketDir}/${TMP_DIR}`, bucket: op.bucket, object: op.key, size };
}

/** The write's Posix.IO.* spans, whose steps are worked out only when the PUT is traced at all. */
function traceSteps(input: PutObjectInput, op: ObjectPath, steps: () => WriteSteps): void {
  if (input.trace !== undefined) recordWriteSteps(input.trace, spanTarget(op, input.contentLength), steps());
}

/**
 * A PUT whose body fits in WHOLE_BODY_BYTES: the body read to its end (hashed as it arrives, its
 * chunks kept as they came, never copied into one buffer), then everything else in one native
 * call. A body that fails is reported after the checks the step-by-step way makes before taking
 * it, so a PUT to a missing bucket still answers NoSuchBucket whatever its body.
 */
export async function putWhole(ctx: PosixContext, op: ObjectPath, input: PutObjectInput, writes: NativeFs & NativeObjectWrites, stepByStep: StepByStep): Promise<PutObjectOutput> {
  const meter = new BodyMeter(input.contentLength);
  const chunks: Buffer[] = [];
  let md5: Buffer;
  try {
    await readBody(input.body, (chunk) => {
      meter.add(chunk);
      chunks.push(chunk);
      return undefined;
    });
    md5 = meter.check(input);
  } catch (err) {
    await stepByStep.checks();
    throw err;
  }
  const etag = md5.toString('hex');
  const target = targetOf(ctx, op, input.writeConditions);
  const request = { ...placementOf(ctx, op, target, await putObjectAttrList(input, etag)), chunks };
  let outcome: NativeWriteOutcome;
  try {
    let times: NativeWriteTimes;
    [outcome, times] = await writeBeneathHeldBucket(ctx, op, writes, request);
    traceSteps(input, op, () => stepsOf(times, undefined, undefined, meter.bytes));
  } catch (err) {
    traceSteps(input, op, () => stepsOf(timesOf(err), err, undefined, meter.bytes));
    if (!lacksOpenat2(err)) throw writeError(err, op);
    unusable.add(ctx.native);
    outcome = OUTCOME_NO_TMPFILE;
  }
  if (outcome === OUTCOME_NO_TMPFILE) {
    unusable.add(ctx.native);
    return stepByStep.put({ ...input, body: Readable.from(chunks) });
  }
  if (outcome !== OUTCOME_DONE) throw outcomeError(outcome, op.key);
  return { etag };
}

/**
 * A larger PUT: one native call checks the key and opens the file before the body is taken (a
 * PUT bound to fail costs nothing), the body goes to the file in batches as it arrives (through
 * O_DIRECT where the file system allows), and one call syncs, labels and links it.
 */
export async function putStreamed(ctx: PosixContext, op: ObjectPath, input: PutObjectInput, writes: NativeFs & NativeObjectWrites, stepByStep: StepByStep): Promise<PutObjectOutput> {
  const target = targetOf(ctx, op, input.writeConditions);
  let opened: [NativeWriteOutcome, number, number, NativeWriteTimes];
  try {
    opened = await writes.beginObject({ ...target, size: reservedLength(input), direct: true });
  } catch (err) {
    traceSteps(input, op, () => stepsOf(timesOf(err), err, undefined, 0));
    if (!lacksOpenat2(err)) throw writeError(err, op);
    unusable.add(ctx.native);
    return stepByStep.put(input);
  }
  const [outcome, fd, directFd, openTimes] = opened;
  const at = clockOf(openTimes);
  const openStep = step(at(0), at(1), undefined, false);
  if (outcome === OUTCOME_NO_TMPFILE) {
    unusable.add(ctx.native);
    return stepByStep.put(input);
  }
  if (outcome !== OUTCOME_DONE) throw outcomeError(outcome, op.key);

  const writeStart = performance.now();
  const writer = new BatchedWriter(writes, { fd, directFd });
  const meter = new BodyMeter(input.contentLength);
  try {
    try {
      await readBody(input.body, (chunk) => {
        meter.add(chunk);
        return writer.take(chunk);
      });
      await writer.end();
    } catch (err) {
      await writer.abandon();
      traceSteps(input, op, () => ({ ...(openStep ? { open: openStep } : {}), write: { start: writeStart, end: performance.now(), failure: err, bytesWritten: writer.bytesQueued } }));
      throw err;
    }
    const etag = meter.check(input).toString('hex');
    const request = { ...placementOf(ctx, op, target, await putObjectAttrList(input, etag)), fd };
    let finished: NativeWriteOutcome;
    try {
      let times: NativeWriteTimes;
      [finished, times] = await writes.finishObject(request);
      traceSteps(input, op, () => ({ ...(openStep ? { open: openStep } : {}), ...stepsOf(times, undefined, writeStart, meter.bytes) }));
    } catch (err) {
      traceSteps(input, op, () => ({ ...(openStep ? { open: openStep } : {}), ...stepsOf(timesOf(err), err, writeStart, meter.bytes) }));
      throw writeError(err, op);
    }
    if (finished !== OUTCOME_DONE) throw outcomeError(finished, op.key);
    return { etag };
  } finally {
    await closeQuietly(directFd);
    await closeQuietly(fd);
  }
}

function closeQuietly(fd: number): Promise<void> {
  return fd < 0 ? Promise.resolve() : new Promise<void>((resolve) => close(fd, () => resolve()));
}
