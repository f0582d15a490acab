import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { CompleteMultipartUploadCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { errorCode } from '../support/s3-error-code';
import { beginUpload, listedParts, listedUploads, objectBytes, pausedLine, until, useCrashHarness } from '../multipart/crash-support';
import { BUCKET, KEY, PART_SIZES, PARTS, uploadOnDisk, WHOLE_OBJECT } from './moved-upload';

const MiB = 1024 * 1024;
const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * kill -9 of the real gateway (`tracegw scoutfs DIR`) at each step of a CompleteMultipartUpload
 * by block moves, then a restart on the same directory: the upload is whole again (parts intact,
 * Complete retried) or the object is finished, never a lost part. ScoutFS cannot run here, so the
 * blocks are moved by the stand-in for its ioctl (test/e2e/support/stand-in-block-mover.js: it
 * copies a part into the object's assembly file, then truncates the part to nothing); the
 * backend's marks, assembly file and recovery are the ones that run on ScoutFS.
 */
describe('scoutfs block moves survive kill -9 (stand-in mover)', () => {
  const harness = useCrashHarness('tracegw-scoutfs-crash-');
  const start = (env: Record<string, string> = {}): Promise<S3Client> => harness.start({ TRACEGW_TEST_BLOCK_MOVER: 'stand-in', ...env }, ['scoutfs', harness.root]);
  /** Restarts the gateway and lets its start-up recovery run until it stops at `point` (its `nth` time), before serving. */
  const recoverUntil = (point: string, nth: number): Promise<void> =>
    harness.startUntilPaused({ TRACEGW_TEST_BLOCK_MOVER: 'stand-in', TRACEGW_TEST_PAUSE_AT: point, TRACEGW_TEST_PAUSE_NTH: String(nth) }, ['scoutfs', harness.root]);

  const onDisk = (UploadId: string) => uploadOnDisk(harness.root, UploadId);
  const listParts = (client: S3Client, UploadId: string) => listedParts(client, BUCKET, KEY, UploadId);
  const uploadsOf = (client: S3Client) => listedUploads(client, BUCKET);
  const objectOf = (client: S3Client) => objectBytes(client, BUCKET, KEY);

  /** Uploads the parts, completes, and kills the gateway once it stopped at `point` (its `nth` time). */
  async function completeUntilKilled(point: string, nth = 1) {
    const client = await start({ TRACEGW_TEST_PAUSE_AT: point, TRACEGW_TEST_PAUSE_NTH: String(nth) });
    const { UploadId, listed } = await beginUpload(client, BUCKET, KEY, PARTS);
    const hung = client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: KEY, UploadId, MultipartUpload: { Parts: listed } })).catch((e: unknown) => e);
    await until(() => harness.child.output().includes(pausedLine(point)), `the gateway to reach ${point}`);
    const disk = onDisk(UploadId);
    const atKill = { sizes: await disk.sizes(), marks: await disk.marks() };
    await harness.crash();
    await hung;
    return { UploadId, listed, atKill };
  }

  /** Restarts the gateway: its recovery rolled the completion back, the upload is whole, and Complete retried succeeds. */
  async function expectRolledBackThenCompleted(UploadId: string, listed: Array<{ PartNumber: number; ETag?: string }>): Promise<void> {
    const client = await start();
    expect(harness.child.output()).toMatch(/multipart recovery: .*completions finished 0, rolled back 1/);
    expect(await errorCode(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY })))).toBe('NoSuchKey');
    expect(await uploadsOf(client)).toEqual([[KEY, UploadId]]);
    expect(await listParts(client, UploadId)).toEqual(PART_SIZES);
    expect(await onDisk(UploadId).marks()).toEqual([false, false, false]);
    expect(await onDisk(UploadId).entries()).toEqual(['1', '2', '3']);

    await client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: KEY, UploadId, MultipartUpload: { Parts: listed } }));
    expect(sha(await objectOf(client))).toBe(sha(WHOLE_OBJECT));
    expect(await uploadsOf(client)).toEqual([]);
  }

  it.each([
    // [pause point, its nth time, part sizes on disk at the kill, parts marked at the kill]
    ['move:marked', 1, [5 * MiB, 5 * MiB, 2 * MiB + 123], [true, false, false]],
    ['stand-in:copied', 2, [0, 5 * MiB, 2 * MiB + 123], [true, true, false]],
    ['move:moved', 2, [0, 0, 2 * MiB + 123], [true, true, false]],
    ['complete:marked', 1, [0, 0, 0], [true, true, true]],
  ])('killed at %s (#%d): the restart gives the parts their blocks back; Complete is retried', async (point, nth, sizes, marks) => {
    const { UploadId, listed, atKill } = await completeUntilKilled(point as string, nth as number);
    // The kill came where the test meant it to: this many parts emptied by their move, this many marked.
    expect(atKill).toEqual({ sizes, marks });

    await expectRolledBackThenCompleted(UploadId, listed);
  });

  it.each([
    // [first kill's point, its nth time; the recovery's kill point, its nth time; part sizes and marks at the second kill]
    ['move:moved', 2, 'stand-in:half-given-back', 1, [2.5 * MiB, 0, 2 * MiB + 123], [true, true, false]],
    ['complete:marked', 1, 'stand-in:half-given-back', 2, [5 * MiB, 2.5 * MiB, 0], [false, true, true]],
    ['complete:marked', 1, 'stand-in:given-back', 1, [5 * MiB, 0, 0], [true, true, true]],
  ])('killed at %s (#%d), then again in the recovery at %s (#%d): the next restart finishes the give-back; Complete is retried', async (point, nth, recoveryPoint, recoveryNth, sizes, marks) => {
    const { UploadId, listed } = await completeUntilKilled(point as string, nth as number);
    await recoverUntil(recoveryPoint as string, recoveryNth as number);
    const disk = onDisk(UploadId);
    // Killed half way through the roll-back: some parts given back (or half), the assembly file still there.
    const atSecondKill = { sizes: await disk.sizes(), marks: await disk.marks(), entries: await disk.entries() };
    await harness.crash();
    expect(atSecondKill).toEqual({ sizes, marks, entries: ['.tracegw-assembly', '1', '2', '3'] });

    await expectRolledBackThenCompleted(UploadId, listed);
  });

  it('killed after the rename, before the completion was recorded: the object is finished, the emptied parts go', async () => {
    const { UploadId } = await completeUntilKilled('complete:published');

    const client = await start();
    expect(harness.child.output()).toMatch(/multipart recovery: 0 upload\(s\) with 0 part\(s\) on storage; completions finished 1, rolled back 0/);
    expect(sha(await objectOf(client))).toBe(sha(WHOLE_OBJECT));
    expect(await uploadsOf(client)).toEqual([]);
    await expect(stat(onDisk(UploadId).dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
