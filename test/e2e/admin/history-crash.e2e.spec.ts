import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort, spawnGateway, type ChildGateway } from '../support/child-gateway';
import { TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';
import { adminCall } from './admin-client';

// The gateway as users run it (dist/main.js, built by `npm test`): what the operation history keeps
// across a clean shutdown and across kill -9.
describe('operation history across shutdowns (child process)', () => {
  let root: string;
  let child: ChildGateway | undefined;
  let client: S3Client | undefined;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-history-crash-'));
  });
  afterEach(async () => {
    client?.destroy();
    await child?.stop();
    await rm(root, { recursive: true, force: true });
  });

  const s3 = (gateway: ChildGateway) =>
    (client = new S3Client({
      endpoint: gateway.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: TEST_ROOT_ACCESS, secretAccessKey: TEST_ROOT_SECRET },
    }));

  /** The keys of the PutObject rows in the journal file, read as a separate process would. */
  function journaledKeys(): string[] {
    const db = new Database(join(root, '.tracegw', 'journal.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare("SELECT object_key AS key FROM operation_history WHERE operation = 'PutObject' ORDER BY id").all() as Array<{ key: string }>;
      return rows.map((row) => row.key);
    } finally {
      db.close();
    }
  }

  it('keeps every row on a clean shutdown, admin-port requests included', async () => {
    const adminPort = await freePort();
    child = await spawnGateway(root, ['--admin-port', `127.0.0.1:${adminPort}`]);
    const gateway = s3(child);
    await gateway.send(new CreateBucketCommand({ Bucket: 'clean' }));
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}`);
    for (const key of keys) await gateway.send(new PutObjectCommand({ Bucket: 'clean', Key: key, Body: key }));
    const viaAdminPort = await adminCall({ port: adminPort, rootCredentials: { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET } }, '/list-users');
    expect(viaAdminPort.status).toBe(200);

    // SIGTERM straight away: the last rows are still queued in memory.
    await child.stop();
    expect(child.process.exitCode).toBe(0);

    expect(journaledKeys()).toEqual(keys);
    const db = new Database(join(root, '.tracegw', 'journal.db'), { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM operation_history WHERE operation = 'AdminListUsers'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('loses at most the last unflushed batch on kill -9, and the journal stays sound', async () => {
    child = await spawnGateway(root);
    const gateway = s3(child);
    await gateway.send(new CreateBucketCommand({ Bucket: 'crash' }));
    const flushed = Array.from({ length: 20 }, (_, i) => `flushed-${i}`);
    for (const key of flushed) await gateway.send(new PutObjectCommand({ Bucket: 'crash', Key: key, Body: key }));
    // Written by the 100 ms flush, with no shutdown to help.
    for (let i = 0; i < 100 && journaledKeys().length < flushed.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(journaledKeys()).toEqual(flushed);

    const last = Array.from({ length: 5 }, (_, i) => `last-${i}`);
    for (const key of last) await gateway.send(new PutObjectCommand({ Bucket: 'crash', Key: key, Body: key }));
    const exited = new Promise((resolve) => child?.process.once('exit', resolve));
    child.process.kill('SIGKILL');
    await exited;

    const db = new Database(join(root, '.tracegw', 'journal.db'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    const kept = journaledKeys();
    // Everything flushed before the kill survived; of the rest, a prefix (whole batches) may be there.
    expect(kept.slice(0, flushed.length)).toEqual(flushed);
    expect(last.slice(0, kept.length - flushed.length)).toEqual(kept.slice(flushed.length));

    // And the gateway starts again on that journal, recording as before.
    child = await spawnGateway(root);
    await s3(child).send(new PutObjectCommand({ Bucket: 'crash', Key: 'after', Body: 'x' }));
    await child.stop();
    expect(journaledKeys().at(-1)).toBe('after');
  });
});

/** A port the kernel hands out and takes back at once: free for the child to listen on. */
