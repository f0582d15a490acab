import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import Database from 'better-sqlite3';
import { errorCode } from '../support/s3-error-code';
import { beginUpload, listedParts, listedUploads, objectBytes, until, useCrashHarness } from './crash-support';

const MiB = 1024 * 1024;
const BUCKET = 'crash';
const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * kill -9 of the real gateway (dist/main.js) at each point of an upload, then a restart on the
 * same directory: the listings show exactly the parts whose upload finished, the client carries
 * on, and the object is absent or whole, never partial.
 */
describe('multipart uploads survive kill -9', () => {
  const harness = useCrashHarness('tracegw-crash-');
  const start = (env: Record<string, string> = {}): Promise<S3Client> => harness.start(env);
  const crash = (): Promise<void> => harness.crash();

  /** A bucket, an upload and its first parts (5 MiB each, the minimum). */
  const begin = (client: S3Client, key: string, parts: Buffer[]) => beginUpload(client, BUCKET, key, parts);

  const listParts = (client: S3Client, key: string, UploadId: string) => listedParts(client, BUCKET, key, UploadId);
  const uploadsOf = (client: S3Client) => listedUploads(client, BUCKET);
  const objectOf = (client: S3Client, key: string) => objectBytes(client, BUCKET, key);

  it('between parts: the finished parts are listed after the restart, and the client completes', async () => {
    let client = await start();
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB)];
    const { UploadId, listed } = await begin(client, 'between', parts);
    await crash();

    client = await start();
    expect(await uploadsOf(client)).toEqual([['between', UploadId]]);
    expect(await listParts(client, 'between', UploadId)).toEqual([[1, 5 * MiB], [2, 5 * MiB]]);
    const last = randomBytes(1000);
    const out = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'between', UploadId, PartNumber: 3, Body: last }));
    await client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'between', UploadId, MultipartUpload: { Parts: [...listed, { PartNumber: 3, ETag: out.ETag }] } }));
    expect(sha(await objectOf(client, 'between'))).toBe(sha(Buffer.concat([...parts, last])));
  });

  it('during a part (streaming, named temp files): the half-sent part does not exist after the restart; its temp file is removed', async () => {
    let client = await start({ VGW_DISABLE_OTMP: 'true' });
    const first = randomBytes(5 * MiB);
    const { UploadId, listed } = await begin(client, 'during', [first]);
    // Part 2 announces 8 MiB, sends 1 MiB and stalls: the gateway is mid-write when it dies.
    const body = new PassThrough();
    body.write(randomBytes(MiB));
    const stalled = client.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'during', UploadId, PartNumber: 2, Body: body, ContentLength: 8 * MiB })).catch((e: unknown) => e);
    const tmpDir = join(harness.root, BUCKET, '.sgwtmp');
    await until(async () => (await readdir(tmpDir)).some((name) => /^[0-9a-f]{64}\./.test(name)), 'the part temp file');
    await crash();
    body.destroy();
    await stalled;

    client = await start();
    expect((await readdir(tmpDir)).filter((name) => name !== 'multipart')).toEqual([]);
    expect(await listParts(client, 'during', UploadId)).toEqual([[1, 5 * MiB]]);
    const second = randomBytes(3 * MiB);
    const out = await client.send(new UploadPartCommand({ Bucket: BUCKET, Key: 'during', UploadId, PartNumber: 2, Body: second }));
    await client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'during', UploadId, MultipartUpload: { Parts: [...listed, { PartNumber: 2, ETag: out.ETag }] } }));
    expect(sha(await objectOf(client, 'during'))).toBe(sha(Buffer.concat([first, second])));
  });

  describe('during CompleteMultipartUpload', () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(2 * MiB)];

    async function completeUntilPaused(point: string) {
      const client = await start({ TRACEGW_TEST_PAUSE_AT: point });
      const { UploadId, listed } = await begin(client, 'obj', parts);
      const hung = client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'obj', UploadId, MultipartUpload: { Parts: listed } })).catch((e: unknown) => e);
      await until(() => harness.child.output().includes(`tracegw test pause: ${point}`), `the gateway to reach ${point}`);
      await crash();
      await hung;
      return { UploadId, listed };
    }

    it.each(['complete:assembled', 'complete:marked'])('killed at %s: no object; the upload is whole and completes after the restart', async (point) => {
      const { UploadId, listed } = await completeUntilPaused(point);
      const client = await start();
      if (point === 'complete:marked') expect(harness.child.output()).toMatch(/multipart recovery: .*completions finished 0, rolled back 1/);
      expect(await errorCode(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'obj' })))).toBe('NoSuchKey');
      expect(await uploadsOf(client)).toEqual([['obj', UploadId]]);
      expect(await listParts(client, 'obj', UploadId)).toEqual([[1, 5 * MiB], [2, 5 * MiB], [3, 2 * MiB]]);
      await client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'obj', UploadId, MultipartUpload: { Parts: listed } }));
      expect(sha(await objectOf(client, 'obj'))).toBe(sha(Buffer.concat(parts)));
      expect(await uploadsOf(client)).toEqual([]);
    });

    it('killed after the rename, before the completion was recorded: recovery finishes it', async () => {
      const { UploadId } = await completeUntilPaused('complete:published');
      const client = await start();
      expect(harness.child.output()).toMatch(/multipart recovery: 0 upload\(s\) with 0 part\(s\) on storage; completions finished 1, rolled back 0/);
      expect(sha(await objectOf(client, 'obj'))).toBe(sha(Buffer.concat(parts)));
      expect(await uploadsOf(client)).toEqual([]);
      expect(await readdir(join(harness.root, BUCKET, '.sgwtmp', 'multipart'))).toEqual([]);
      // The journal says how it ended: completed, by recovery.
      const db = new Database(join(harness.root, '.tracegw', 'journal.db'), { readonly: true });
      try {
        const last = db.prepare('SELECT type, data FROM events WHERE stream_id = ? ORDER BY seq DESC LIMIT 1').get(`upload:${BUCKET}/${UploadId}`) as { type: string; data: string };
        expect([last.type, JSON.parse(last.data).origin]).toEqual(['UploadCompleted', 'recovery']);
      } finally {
        db.close();
      }
    });

    it('killed after answering, while the parts are deleted: the object is whole, the restart deletes them', async () => {
      let client = await start({ TRACEGW_TEST_PAUSE_AT: 'removal:started' });
      const { UploadId, listed } = await begin(client, 'obj', parts);
      await client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'obj', UploadId, MultipartUpload: { Parts: listed } }));
      await until(() => harness.child.output().includes('tracegw test pause: removal:started'), 'the deletion of the parts to begin');
      const removing = join(harness.root, BUCKET, '.sgwtmp', 'removing');
      const [retired] = await readdir(removing);
      expect(retired.startsWith(`${UploadId}.`)).toBe(true);
      expect((await readdir(join(removing, retired))).sort()).toEqual(['1', '2', '3']);
      await crash();

      client = await start();
      expect(harness.child.output()).toMatch(/removed 1 leftover\(s\) of interrupted uploads and removals/);
      expect(await readdir(removing)).toEqual([]);
      expect(sha(await objectOf(client, 'obj'))).toBe(sha(Buffer.concat(parts)));
      expect(await uploadsOf(client)).toEqual([]);
    });

    it.each([
      ['kernel copy, O_DIRECT', {}],
      ['user-space copy', { VGW_DISABLE_COPY_FILE_RANGE: 'true' }],
    ])('killed at a moment of a long assembly (%s of 96 MiB): the object is absent or whole, never partial', async (_how, env: Record<string, string>) => {
      let client = await start(env);
      const big = [randomBytes(32 * MiB), randomBytes(32 * MiB), randomBytes(32 * MiB)];
      const { UploadId, listed } = await begin(client, 'long', big);
      const hung = client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'long', UploadId, MultipartUpload: { Parts: listed } })).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 30));
      await crash();
      await hung;

      client = await start();
      const present = await objectOf(client, 'long').catch(() => undefined);
      if (present === undefined) {
        // Killed before the rename: the upload is intact and completes now.
        expect(await listParts(client, 'long', UploadId)).toEqual([[1, 32 * MiB], [2, 32 * MiB], [3, 32 * MiB]]);
        await client.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: 'long', UploadId, MultipartUpload: { Parts: listed } }));
      }
      expect(sha(await objectOf(client, 'long'))).toBe(sha(Buffer.concat(big)));
      expect(await uploadsOf(client)).toEqual([]);
    });
  });

  it('a single PUT killed mid-body leaves nothing: no object, its temp file removed at the restart', async () => {
    let client = await start({ VGW_DISABLE_OTMP: 'true' });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const body = new PassThrough();
    body.write(randomBytes(MiB));
    const stalled = client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'single', Body: body, ContentLength: 4 * MiB })).catch((e: unknown) => e);
    const tmpDir = join(harness.root, BUCKET, '.sgwtmp');
    await until(async () => (await readdir(tmpDir)).length > 0, 'the PUT temp file');
    await crash();
    body.destroy();
    await stalled;
    client = await start();
    expect(await readdir(tmpDir)).toEqual([]);
    expect(await errorCode(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'single' })))).toBe('NoSuchKey');
    await expect(readFile(join(harness.root, BUCKET, 'single'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
