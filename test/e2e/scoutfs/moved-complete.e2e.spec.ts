import { CompleteMultipartUploadCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { beginUpload } from '../multipart/crash-support';
import { type OtlpReceiver, startOtlpReceiver } from '../support/otlp-receiver';
import { standInBlockMover } from '../support/stand-in-block-mover';
import { startTracedGateway, type TracedGateway } from '../tracing/support/traced-gateway';
import { BUCKET as Bucket, KEY as Key, MULTIPART_ETAG, PARTS, WHOLE_OBJECT } from './moved-upload';

const NO_PAUSE = (): Promise<void> => Promise.resolve();

/**
 * The scoutfs backend moving blocks (not copying them), in process: ScoutFS cannot run here, so
 * the stand-in for its move-blocks ioctl (test/e2e/support/stand-in-block-mover.js) is plugged in
 * as the backend's block mover, as the crash tests' entry does for a child. What runs above it
 * (marks, assembly file, the CopyPart span's attributes) is the code that runs on ScoutFS.
 */
describe('scoutfs backend with block moves: the CopyPart spans say custom_move', () => {
  let receiver: OtlpReceiver;
  let traced: TracedGateway;

  beforeAll(async () => {
    receiver = await startOtlpReceiver({ protocol: 'grpc' });
    traced = await startTracedGateway(
      { endpoint: receiver.endpoint },
      {},
      (root) => ({ backend: { type: 'scoutfs', root, dirPerms: 0o755, disableOtmp: false } }),
      { blockMover: standInBlockMover(NO_PAUSE) },
    );
  });
  afterAll(async () => {
    await traced?.stop();
    await receiver?.close();
  });

  it('completes the object whole (content and ETag), each part moved: custom_move with used_fallback false', async () => {
    const s3 = traced.gateway.s3();
    const { UploadId, listed } = await beginUpload(s3, Bucket, Key, PARTS);
    const completed = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: listed } }));
    expect(completed.ETag).toBe(MULTIPART_ETAG);

    const object = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(object.ETag).toBe(MULTIPART_ETAG);
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(WHOLE_OBJECT)).toBe(true);

    await traced.telemetry.flush();
    await receiver.waitFor((spans) => spans.filter((span) => span.name === 'Posix.IO.CopyPart').length >= PARTS.length);
    const copyParts = receiver.spans.filter((span) => span.name === 'Posix.IO.CopyPart');
    expect(copyParts.map((span) => [span.attributes['posix.part_number'], span.attributes['posix.copy_method'], span.attributes['posix.used_fallback']])).toEqual([
      [1, 'custom_move', false],
      [2, 'custom_move', false],
      [3, 'custom_move', false],
    ]);
  });
});
