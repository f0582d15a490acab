import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createApp, type GatewayApp } from '../../../src/app.factory';
import { multipartCases, TWO_PART_SIZES, twoPartUpload } from '../support/backend-cases/multipart-cases';
import { type RunningAzurite, startAzurite } from '../support/azurite';
import { testConfig, TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from '../support/test-config';

/** Multipart uploads as staged blocks of the object's blob, committed by CompleteMultipartUpload. */
describe('azure backend: multipart uploads (Azurite)', () => {
  let azurite: RunningAzurite;
  let root: string;
  let gateway: GatewayApp | undefined;
  let s3: S3Client;
  const Bucket = 'multipart';

  /** A gateway over the same journal and the same Azurite: a restart. */
  async function start(): Promise<void> {
    gateway = await createApp(testConfig(root, { backend: azurite.backend }));
    await gateway.app.listen(0, '127.0.0.1');
    const { port } = gateway.app.getHttpServer().address() as { port: number };
    s3 = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: TEST_ROOT_ACCESS, secretAccessKey: TEST_ROOT_SECRET } });
  }
  async function stop(): Promise<void> {
    s3.destroy();
    await gateway?.close();
    gateway = undefined;
  }

  beforeAll(async () => {
    azurite = await startAzurite();
    root = await mkdtemp(join(tmpdir(), 'tracegw-azure-mp-'));
    await start();
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  afterAll(async () => {
    await stop();
    await azurite?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('uploads parts (one again), lists them, survives a restart and completes into one blob with the S3 ETag', async () => {
    const Key = 'big/object.bin';
    await twoPartUpload(() => s3, Bucket, Key, async () => {
      await stop();
      await start();
    });
    const committed = await azurite.service().getContainerClient(Bucket).getBlockBlobClient(Key).getBlockList('committed');
    expect(committed.committedBlocks?.map((b) => b.size)).toEqual(TWO_PART_SIZES);
  });

  multipartCases(() => s3, Bucket);
});
