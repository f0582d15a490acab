import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { get } from 'node:http';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import { bodyOf, meta } from '../../medium/posix/support';
import { adminCall } from '../admin/admin-client';
import { until } from '../multipart/crash-support';
import { type ChildGateway, freePort, spawnGateway } from '../support/child-gateway';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { answerOf, freshConnectionsClient, type FreshConnectionsOptions, linesWith, servedBy, workerPids } from './cluster-support';

const ROOT_CREDENTIALS = { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET };
const MAIN = join(__dirname, '..', '..', '..', 'dist', 'main.js');
const MIB = 1024 * 1024;

/** An unsigned GET on a connection of its own (no keep-alive), as a browser's first request. */
function unsignedGet(port: number, path: string): Promise<{ status: number; requestId: string | undefined }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, requestId: res.headers['x-amz-request-id'] as string | undefined }));
    }).on('error', reject);
  });
}

/**
 * Sends `send` (each on a fresh connection) until every worker has answered one, at most 20
 * times; resolves the pids that answered, in order.
 */
async function onEveryWorker(child: ChildGateway, send: () => Promise<string | undefined>): Promise<number[]> {
  const workers = workerPids(child);
  const answered: number[] = [];
  for (let i = 0; i < 20 && !workers.every((pid) => answered.includes(pid)); i++) answered.push(await servedBy(child, await send()));
  expect(new Set(answered)).toEqual(new Set(workers));
  return answered;
}

/**
 * Sends `send` on fresh connections until a worker other than `not` answers it (at most 20
 * times; it must be idempotent, as an UploadPart of the same number is); resolves that pid.
 */
async function servedElsewhere(child: ChildGateway, not: number, send: () => Promise<string | undefined>): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const pid = await servedBy(child, await send());
    if (pid !== not) return pid;
  }
  throw new Error(`every request went to worker ${not}`);
}

/** ListBuckets on fresh connections until every worker answered; what they answered: 'ok' or error codes. */
async function listingOnEveryWorker(child: ChildGateway, s3: S3Client): Promise<Set<string>> {
  const outcomes = new Set<string>();
  await onEveryWorker(child, async () => {
    const { requestId, error } = await answerOf(s3.send(new ListBucketsCommand({})));
    outcomes.add(error ?? 'ok');
    return requestId;
  });
  return outcomes;
}

function adminOn(port: number) {
  return { port, rootCredentials: ROOT_CREDENTIALS };
}

// The built gateway (dist/main.js) as an operator starts it with --workers 2: a primary and two
// worker processes on one port, one journal, one tree. --debug logs a line per S3 request with
// its request id and the pid of the process that wrote it: that is how a test knows which worker
// answered. Every request goes on a fresh connection, which the primary deals to the next worker.
describe('--workers 2 (the built gateway, child processes)', () => {
  let root: string;
  let child: ChildGateway | undefined;
  const clients: S3Client[] = [];
  const client = (credentials = ROOT_CREDENTIALS, options: FreshConnectionsOptions = {}): S3Client => {
    const made = freshConnectionsClient(child!, credentials, options);
    clients.push(made);
    return made;
  };

  afterEach(async () => {
    for (const made of clients.splice(0)) made.destroy();
    await child?.stop();
    child = undefined;
    await rm(root, { recursive: true, force: true });
  });

  describe('serving', () => {
    let adminPort: number;
    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'tracegw-cluster-'));
      adminPort = await freePort();
      // Every worker listens on the admin port too: one that could not would fail the start.
      child = await spawnGateway(root, ['--debug', '--admin-port', `127.0.0.1:${adminPort}`], { workers: 2 });
    });

    it('has both workers answer requests, and the primary none', async () => {
      const s3 = client();
      await s3.send(new CreateBucketCommand({ Bucket: 'dealt' }));
      let n = 0;
      const answered = await onEveryWorker(child!, async () => (await s3.send(new PutObjectCommand({ Bucket: 'dealt', Key: `k${n}`, Body: `v${n++}` }))).$metadata.requestId);
      expect(answered).not.toContain(child!.process.pid);
      expect(workerPids(child!)).toHaveLength(2);
    });

    it('honours an account created, rotated and deleted through the admin API on every worker at its next request', async () => {
      const created = await adminCall(adminOn(adminPort), '/create-user', { body: { access: 'wanda', secret: 'wanda-1', role: 'user' }, freshConnection: true });
      expect(created.status).toBe(201);
      const first = client({ access: 'wanda', secret: 'wanda-1' });
      expect(await listingOnEveryWorker(child!, first)).toEqual(new Set(['ok']));

      // The admin API answers on the S3 port as well.
      const rotated = await adminCall(adminOn(child!.port), '/update-user', { query: { access: 'wanda' }, body: { secret: 'wanda-2' }, freshConnection: true });
      expect(rotated.status).toBe(200);
      expect(await listingOnEveryWorker(child!, first)).toEqual(new Set(['SignatureDoesNotMatch']));
      const second = client({ access: 'wanda', secret: 'wanda-2' });
      expect(await listingOnEveryWorker(child!, second)).toEqual(new Set(['ok']));

      const deleted = await adminCall(adminOn(adminPort), '/delete-user', { query: { access: 'wanda' }, freshConnection: true });
      expect(deleted.status).toBe(200);
      expect(await listingOnEveryWorker(child!, second)).toEqual(new Set(['InvalidAccessKeyId']));
    });

    it('honours a bucket policy put through one worker on every worker within its poll of the journal', async () => {
      const s3 = client();
      await s3.send(new CreateBucketCommand({ Bucket: 'opened' }));
      await s3.send(new PutObjectCommand({ Bucket: 'opened', Key: 'a.txt', Body: 'a' }));
      /** Anonymous GETs, each on a connection of its own, until both workers answered: the statuses they gave. */
      const anonymousStatuses = async (): Promise<Set<number>> => {
        const statuses = new Set<number>();
        await onEveryWorker(child!, async () => {
          const { status, requestId } = await unsignedGet(child!.port, '/opened/a.txt');
          statuses.add(status);
          return requestId;
        });
        return statuses;
      };
      // Both workers hold the bucket's state now, for up to the cache's second.
      expect(await anonymousStatuses()).toEqual(new Set([403]));
      const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::opened/*' }] };
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'opened', Policy: JSON.stringify(policy) }));
      // Well inside the cache's lifetime: only the poll of the journal can have told the other worker.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await anonymousStatuses()).toEqual(new Set([200]));
    });

    // Created on one worker, a part on the other, a part on the first, completed by either: so
    // each upload crosses workers whichever takes the completion.
    it('completes multipart uploads whose create, parts and completion different workers answered', async () => {
      const s3 = client();
      await s3.send(new CreateBucketCommand({ Bucket: 'parts' }));
      for (let u = 0; u < 3; u++) {
        const key = `upload-${u}.bin`;
        const big = Buffer.alloc(5 * MIB, 0x61 + u);
        const small = Buffer.from(`tail of upload ${u}`);
        const createdUpload = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'parts', Key: key }));
        const uploadId = createdUpload.UploadId!;
        const creator = await servedBy(child!, createdUpload.$metadata.requestId);
        const etags: string[] = [];
        const part = (partNumber: number, body: Buffer) => async () => {
          const out = await s3.send(new UploadPartCommand({ Bucket: 'parts', Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body }));
          etags[partNumber - 1] = out.ETag!;
          return out.$metadata.requestId;
        };
        const firstPartWorker = await servedElsewhere(child!, creator, part(1, big));
        await servedElsewhere(child!, firstPartWorker, part(2, small));

        const done = await s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: 'parts',
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
          }),
        );
        expect(done.ETag).toMatch(/-2"$/);
        const object = await s3.send(new GetObjectCommand({ Bucket: 'parts', Key: key }));
        expect(Buffer.from(await object.Body!.transformToByteArray()).equals(Buffer.concat([big, small]))).toBe(true);
      }
    });
  });

  describe('start-up repairs, housekeeping and restarts', () => {
    /** Two uploads another gateway left in the tree, and a temporary file of an interrupted PUT. */
    async function seed(): Promise<void> {
      const other = new PosixBackend(root, loadNativeFs());
      await other.createBucket({ bucket: 'seeded', owner: TEST_ROOT_ACCESS });
      for (const key of ['left-a.bin', 'left-b.bin']) {
        const { uploadId } = await other.createMultipartUpload({ bucket: 'seeded', key, metadata: meta() });
        await other.uploadPart({ bucket: 'seeded', key, uploadId, partNumber: 1, body: bodyOf('part'), contentLength: 4 });
      }
      await other.close();
      await mkdir(join(root, 'seeded', '.sgwtmp'), { recursive: true });
      await writeFile(join(root, 'seeded', '.sgwtmp', `${'0'.repeat(64)}.interrupted`), 'half a PUT');
    }

    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'tracegw-cluster-'));
      await seed();
      // Older than --multipart-max-age by the time the primary's sweep looks.
      await new Promise((r) => setTimeout(r, 1100));
      child = await spawnGateway(root, ['--debug', '--multipart-sweep', '--multipart-max-age', '1s'], { workers: 2 });
    });

    it('runs recovery, the temp-file cleanup and the sweep once, in the primary, and not again when a worker is replaced', async () => {
      const primary = child!.process.pid;
      await until(() => linesWith(child!, 'multipart sweep: aborted').length > 0, 'the sweep');
      const once = (text: string) => {
        const lines = linesWith(child!, text);
        expect(lines.map((line) => line.pid)).toEqual([primary]);
        return lines[0].text;
      };
      expect(once('multipart recovery:')).toContain('unrecorded uploads 2');
      once('removed 1 leftover(s) of interrupted uploads');
      expect(once('multipart sweep: aborted')).toContain('aborted 2 upload(s)');

      const [victim] = workerPids(child!);
      process.kill(victim, 'SIGKILL');
      await until(() => linesWith(child!, 'serving again').length > 0, 'the replacement worker');
      expect(workerPids(child!)).not.toContain(victim);
      once('multipart recovery:');
      once('removed 1 leftover(s)');
      once('multipart sweep: aborted');
    });

    it('replaces a worker killed with kill -9 while the other keeps answering', async () => {
      // Requests on fresh connections throughout. One in flight on the victim when it dies is cut,
      // and one the primary hands the victim at the instant it dies (Node's round-robin handoff)
      // hangs: a client gives up on it and retries, as S3 clients do (docs/operations.md#workers).
      const s3 = client(ROOT_CREDENTIALS, { maxAttempts: 3, requestTimeoutMs: 2000 });
      const [victim, survivor] = workerPids(child!);
      const answered: number[] = [];
      let replaced = false;
      let killed = false;
      for (let i = 0; i < 400 && !(replaced && answered.length >= 10); i++) {
        if (i === 5) {
          process.kill(victim, 'SIGKILL');
          killed = true;
        }
        const out = await s3.send(new ListBucketsCommand({}));
        expect(out.$metadata.httpStatusCode).toBe(200);
        if (killed) answered.push(await servedBy(child!, out.$metadata.requestId));
        replaced = linesWith(child!, 'serving again').length > 0;
      }
      expect(linesWith(child!, `worker 1 (pid ${victim}) was killed by SIGKILL: starting a new one`)).toHaveLength(1);
      expect(answered).toContain(survivor);
      expect(answered).not.toContain(victim);
      // The replacement takes its share of the requests once it serves.
      expect(await listingOnEveryWorker(child!, s3)).toEqual(new Set(['ok']));
    });
  });

  describe('SIGTERM on the primary', () => {
    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'tracegw-cluster-'));
      // Named temporary files: one appearing in .sgwtmp shows that a PUT is in a worker's hands.
      child = await spawnGateway(root, ['--debug'], { workers: 2, env: { VGW_DISABLE_OTMP: '1' } });
    });

    it('lets every worker finish its requests in flight, writes every history row, and exits 0', async () => {
      const s3 = client();
      const requestIds: Array<string | undefined> = [];
      const answered = async (call: Promise<{ $metadata: { requestId?: string } }>) => {
        const { requestId } = (await call).$metadata;
        requestIds.push(requestId);
        return requestId;
      };
      await answered(s3.send(new CreateBucketCommand({ Bucket: 'drain' })));
      // Rows of both workers still queued in memory when the signal comes.
      let n = 0;
      await onEveryWorker(child!, () => answered(s3.send(new PutObjectCommand({ Bucket: 'drain', Key: `before-${n}`, Body: `v${n++}` }))));
      for (let i = 0; i < 10; i++) await answered(s3.send(new PutObjectCommand({ Bucket: 'drain', Key: `more-${i}`, Body: `v${i}` })));

      // A PUT whose body stops half way until both workers are draining.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const head = Buffer.alloc(256 * 1024, 1);
      const tail = Buffer.alloc(256 * 1024, 2);
      const body = Readable.from(
        (async function* () {
          yield head;
          await gate;
          yield tail;
        })(),
      );
      const inFlight = s3.send(new PutObjectCommand({ Bucket: 'drain', Key: 'in-flight', Body: body, ContentLength: head.length + tail.length }));
      const tmp = join(root, 'drain', '.sgwtmp');
      await until(async () => (await readdir(tmp).catch(() => [])).some((name) => /^[0-9a-f]{64}\./.test(name)), 'the PUT in a worker');

      const exited = once(child!.process, 'exit');
      child!.process.kill('SIGTERM');
      await until(() => linesWith(child!, 'SIGTERM: finishing in-flight requests').length === 2, 'both workers draining');
      release();
      await answered(inFlight);
      const [code] = await exited;
      expect(code).toBe(0);

      const db = new Database(join(root, '.tracegw', 'journal.db'), { readonly: true, fileMustExist: true });
      try {
        const rows = db.prepare('SELECT request_id AS id, http_status AS status FROM operation_history').all() as Array<{ id: string; status: number }>;
        const journaled = new Map<string | undefined, number>(rows.map((row) => [row.id, row.status]));
        expect(requestIds.length).toBeGreaterThan(12);
        for (const id of requestIds) expect(journaled.get(id)).toBe(200);
        expect(db.prepare("SELECT http_status AS status, bytes_in AS bytesIn FROM operation_history WHERE object_key = 'in-flight'").get()).toEqual({
          status: 200,
          bytesIn: head.length + tail.length,
        });
      } finally {
        db.close();
      }
    });
  });

  describe('a bad --workers', () => {
    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'tracegw-cluster-'));
    });

    it.each([
      [['--workers', '0'], {}, 'tracegw: invalid --workers (VGW_WORKERS) "0": must be a whole number of processes from 1 to 1024'],
      [['--workers', '-1'], {}, 'tracegw: invalid --workers (VGW_WORKERS) "-1": must be a whole number of processes from 1 to 1024'],
      [[], { VGW_WORKERS: 'abc' }, 'tracegw: invalid --workers (VGW_WORKERS) "abc": must be a whole number of processes from 1 to 1024'],
    ])('%j %j stops start-up with one line and status 2', (args, env, line) => {
      const run = spawnSync(process.execPath, [MAIN, ...args, 'posix', join(root, 'data')], {
        env: { ...process.env, ...env, ROOT_ACCESS_KEY: TEST_ROOT_ACCESS, ROOT_SECRET_KEY: TEST_ROOT_SECRET },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`${line}\n`);
      expect(run.stdout).toBe('');
    });
  });
});
