import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { ChildGateway } from '../support/child-gateway';
import { clientOf, killHard, startChild, until } from '../multipart/crash-support';

const BUCKET = 'crash';
const KEY = 'doc.txt';

/**
 * kill -9 of the real gateway (dist/main.js) in the middle of a versioned overwrite and of a
 * versioned DELETE: after the current version was put among the older ones, before the new one
 * took its place. After a restart on the same directories the key shows exactly its old version,
 * once, and the next write keeps it: no version lost, none half written, none listed twice.
 */
describe('versioned writes survive kill -9', () => {
  let root: string;
  let versions: string;
  let child: ChildGateway | undefined;
  let s3: S3Client | undefined;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-vcrash-'));
    versions = `${root}.versions`;
  });
  afterEach(async () => {
    s3?.destroy();
    if (child) await killHard(child);
    child = undefined;
    await rm(root, { recursive: true, force: true });
    await rm(versions, { recursive: true, force: true });
  });

  async function start(env: Record<string, string> = {}): Promise<S3Client> {
    s3?.destroy();
    child = await startChild(root, { VGW_VERSIONING_DIR: versions, ...env });
    s3 = clientOf(child);
    return s3;
  }
  const text = async (client: S3Client, VersionId?: string) => {
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY, VersionId }));
    return [await got.Body?.transformToString(), got.VersionId];
  };
  const listed = async (client: S3Client) => {
    const page = await client.send(new ListObjectVersionsCommand({ Bucket: BUCKET }));
    return [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => [v.Key, v.VersionId, v.IsLatest]);
  };
  const keyVersionsDir = () => {
    const sum = createHash('sha256').update(KEY).digest('hex');
    return join(versions, BUCKET, sum.slice(0, 2), sum.slice(2, 4), sum.slice(4, 6), sum);
  };

  /** A versioned bucket with one version of KEY, then `change` paused where the old version has been archived, and kill -9 there. */
  async function killMidChange(change: (client: S3Client) => Promise<unknown>): Promise<string> {
    const client = await start({ TRACEGW_TEST_PAUSE_AT: 'version:archived' });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await client.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = (await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: 'old' }))).VersionId ?? '';
    const hung = change(client).catch((e: unknown) => e);
    await until(() => child!.output().includes('tracegw test pause: version:archived'), 'the gateway to archive the old version');
    // The crash comes exactly between the steps: the old version is in both places.
    expect(await readdir(keyVersionsDir())).toEqual([v1]);
    if (child) await killHard(child);
    await hung;
    return v1;
  }

  async function expectOldVersionOnly(v1: string): Promise<S3Client> {
    const client = await start();
    expect(await text(client)).toEqual(['old', v1]);
    expect(await listed(client)).toEqual([[KEY, v1, true]]);
    // The next write carries on: the old version kept once, the new one the latest.
    const v2 = (await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: 'new' }))).VersionId;
    expect(await listed(client)).toEqual([
      [KEY, v2, true],
      [KEY, v1, false],
    ]);
    expect(await text(client, v1)).toEqual(['old', v1]);
    expect(await text(client)).toEqual(['new', v2]);
    return client;
  }

  it('killed in an overwrite, between archiving the old version and placing the new one', async () => {
    const v1 = await killMidChange((client) => client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: 'half-way' })));
    await expectOldVersionOnly(v1);
  });

  it('killed in a DELETE, before the delete marker took the old version’s place', async () => {
    const v1 = await killMidChange((client) => client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: KEY })));
    const client = await expectOldVersionOnly(v1);
    // Deleting the latest by its id brings the old one back, whole.
    const [, v2] = await text(client);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: KEY, VersionId: v2 }));
    expect(await text(client)).toEqual(['old', v1]);
  });
});
