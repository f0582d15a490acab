import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { createApp, type GatewayApp } from '../../../src/app.factory';
import { loadNativeFs } from '../../../src/backends/posix/native/native-fs';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import type { GatewayConfig } from '../../../src/config/gateway-config';
import { MULTIPART_RECOVERY_REPORT } from '../../../src/multipart/multipart.tokens';
import type { MultipartRecoveryReports } from '../../../src/multipart/recovery/recovery-report';
import { bodyOf, meta } from '../../medium/posix/support';
import { testConfig, TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';

/** What a gateway does with multipart uploads it finds when it starts: record them, report, sweep. */
describe('multipart at gateway start-up', () => {
  let root: string;
  let gateway: GatewayApp | undefined;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tracegw-startup-'));
  });
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
    await rm(root, { recursive: true, force: true });
  });

  /** An upload with one part, written to the tree by another gateway (nothing in this node's journal). */
  async function foreignUpload(): Promise<string> {
    const other = new PosixBackend(root, loadNativeFs());
    await other.createBucket({ bucket: 'shared', owner: TEST_ROOT_ACCESS });
    const { uploadId } = await other.createMultipartUpload({ bucket: 'shared', key: 'theirs.bin', metadata: meta() });
    await other.uploadPart({ bucket: 'shared', key: 'theirs.bin', uploadId, partNumber: 1, body: bodyOf('part one'), contentLength: 8 });
    return uploadId;
  }

  async function start(overrides: Partial<GatewayConfig> = {}): Promise<{ s3: S3Client; endpoint: string }> {
    gateway = await createApp(testConfig(root, overrides));
    await gateway.app.listen(0, '127.0.0.1');
    const { port } = gateway.app.getHttpServer().address() as { port: number };
    const endpoint = `http://127.0.0.1:${port}`;
    const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: TEST_ROOT_ACCESS, secretAccessKey: TEST_ROOT_SECRET } });
    return { s3, endpoint };
  }

  it('records an upload another gateway made, and keeps the report for the admin API (MULTIPART_RECOVERY_REPORT)', async () => {
    const uploadId = await foreignUpload();
    const { s3 } = await start();
    const report = gateway!.app.get<MultipartRecoveryReports>(MULTIPART_RECOVERY_REPORT).last();
    expect(report).toMatchObject({ uploadsOnStorage: 1, partsOnStorage: 1, uploadsDiscovered: { count: 1, sample: [{ bucket: 'shared', key: 'theirs.bin', uploadId }] } });
    expect(gateway!.services.multipart.journal.inFlight().map((u) => [u.uploadId, u.origin, u.parts.length])).toEqual([[uploadId, 'recovery', 1]]);
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'shared' }))).Uploads?.map((u) => u.UploadId)).toEqual([uploadId]);
    s3.destroy();
  });

  it('with the sweep on, aborts uploads older than --multipart-max-age at start-up', async () => {
    await foreignUpload();
    await new Promise((r) => setTimeout(r, 20));
    const { s3 } = await start({ multipart: { sweep: true, maxAgeMs: 10, sweepIntervalMs: 3_600_000 } });
    const sweep = gateway!.services.multipart.sweep;
    expect(sweep).toBeDefined();
    await sweep!.runOnce();
    expect((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'shared' }))).Uploads ?? []).toEqual([]);
    expect(gateway!.services.multipart.journal.inFlight()).toEqual([]);
    s3.destroy();
  });

  it('with the sweep off (the default), leaves old uploads alone', async () => {
    await foreignUpload();
    await start();
    expect(gateway!.services.multipart.sweep).toBeUndefined();
  });
});
