import { CompleteMultipartUploadCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BlockMover } from '../../../src/backends/scoutfs';
import { beginUpload, listedParts, listedUploads, objectBytes } from '../multipart/crash-support';
import { type RunningGateway, startGateway } from '../support/gateway';
import { errorCode, errorStatus } from '../support/s3-error-code';
import { standInBlockMover } from '../support/stand-in-block-mover';
import { BUCKET, KEY, MULTIPART_ETAG, PART_SIZES, PARTS, uploadOnDisk, WHOLE_OBJECT } from './moved-upload';

/**
 * The stand-in mover (test/e2e/support/stand-in-block-mover.js), failing on the last part while
 * `failing` is set, as a ScoutFS ioctl answering an I/O error would: parts 1 and 2 are moved (the
 * stand-in empties them), then the move of part 3 rejects with nothing moved.
 */
function failingOnLastPart(): BlockMover & { failing: boolean; failures: number } {
  const standIn = standInBlockMover(() => Promise.resolve());
  const lastPart = `/${PARTS.length}`;
  return {
    failing: true,
    failures: 0,
    move(from, size, toFd, toOffset) {
      if (this.failing && from.path.endsWith(lastPart)) {
        this.failures++;
        return Promise.reject(Object.assign(new Error('stand-in mover: part 3 refused'), { code: 'EIO' }));
      }
      return standIn.move(from, size, toFd, toOffset);
    },
    moveBack: (fromFd, fromOffset, size, to) => standIn.moveBack(fromFd, fromOffset, size, to),
  };
}

/**
 * A block move that fails half way through CompleteMultipartUpload, without any crash: the parts
 * already moved get their blocks back at once (the give-back, not start-up recovery), the client
 * gets an S3 error and the upload stays, whole, to be completed again.
 */
describe('scoutfs backend: a block move failing half way gives the moved parts back', () => {
  let gateway: RunningGateway;
  let s3: S3Client;
  const mover = failingOnLastPart();

  beforeAll(async () => {
    gateway = await startGateway((root) => ({ backend: { type: 'scoutfs', root, dirPerms: 0o755, disableOtmp: false } }), { blockMover: mover });
    s3 = gateway.s3();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers InternalError (500); the parts are whole, the upload remains, and a retried Complete succeeds', async () => {
    const { UploadId, listed } = await beginUpload(s3, BUCKET, KEY, PARTS);
    const complete = () => s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: KEY, UploadId, MultipartUpload: { Parts: listed } }));

    const failed = complete();
    expect(await errorCode(failed)).toBe('InternalError');
    expect(await errorStatus(failed)).toBe(500);
    // Every attempt of the SDK (it retries a 500) reached part 3 after moving parts 1 and 2.
    expect(mover.failures).toBeGreaterThan(0);

    const disk = uploadOnDisk(gateway.root, UploadId);
    expect(await disk.sizes()).toEqual(PARTS.map((part) => part.length));
    expect(await disk.marks()).toEqual([false, false, false]);
    // No assembly file left behind: it would make the next Complete answer OperationAborted.
    expect(await disk.entries()).toEqual(['1', '2', '3']);
    expect(await listedUploads(s3, BUCKET)).toEqual([[KEY, UploadId]]);
    expect(await listedParts(s3, BUCKET, KEY, UploadId)).toEqual(PART_SIZES);
    expect(await errorCode(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY })))).toBe('NoSuchKey');

    mover.failing = false;
    expect((await complete()).ETag).toBe(MULTIPART_ETAG);
    expect((await objectBytes(s3, BUCKET, KEY)).equals(WHOLE_OBJECT)).toBe(true);
    expect(await listedUploads(s3, BUCKET)).toEqual([]);
  });
});
