import { CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { type OtlpReceiver, startOtlpReceiver } from '../support/otlp-receiver';
import { startTracedGateway, type TracedGateway } from '../tracing/support/traced-gateway';

const PART_1 = Buffer.alloc(5 * 1024 * 1024, 'a');
const PART_2 = Buffer.from('the last part may be small\n');

/**
 * The scoutfs backend on this machine's file system (ext4/tmpfs, never ScoutFS): the move-blocks
 * ioctl is refused, so CompleteMultipartUpload copies each part in user space, and says so.
 */
describe('scoutfs backend off ScoutFS: CompleteMultipartUpload falls back to a user-space copy', () => {
  const Bucket = 'scoutfs-fallback';
  const Key = 'assembled/object.bin';
  let receiver: OtlpReceiver;
  let traced: TracedGateway;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    // The posix test configuration's directory and permissions, under the scoutfs backend.
    traced = await startTracedGateway({ endpoint: receiver.endpoint }, {}, (root) => ({
      backend: { type: 'scoutfs', root, dirPerms: 0o755, disableOtmp: false },
    }));
  });
  afterAll(async () => {
    await traced?.stop();
    await receiver?.close();
  });

  it('completes the object whole, and each CopyPart span says io_copy_fallback with used_fallback true', async () => {
    const s3 = traced.gateway.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const parts = [];
    for (const [index, Body] of [PART_1, PART_2].entries()) {
      const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: index + 1, Body }));
      parts.push({ PartNumber: index + 1, ETag: part.ETag });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));

    const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(Buffer.concat([PART_1, PART_2]));

    await traced.telemetry.flush();
    await receiver.waitFor((spans) => spans.filter((span) => span.name === 'Posix.IO.CopyPart').length >= 2);
    const copyParts = receiver.spans.filter((span) => span.name === 'Posix.IO.CopyPart');
    expect(copyParts.map((span) => [span.attributes['posix.copy_method'], span.attributes['posix.used_fallback']])).toEqual([
      ['io_copy_fallback', true],
      ['io_copy_fallback', true],
    ]);
  });
});
