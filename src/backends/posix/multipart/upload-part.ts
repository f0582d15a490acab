import * as path from 'node:path';
import type { ChecksumValue, PartOutput, UploadPartInput } from '../../backend.types';
import { type PosixContext } from '../context';
import { toS3Error } from '../errno';
import { TMP_DIR } from '../posix-layout';
import { stageBody } from '../put-object';
import { checkPartChecksum, storePart } from './part-file';
import { readUploadChecksum } from './upload-attrs';
import { isGone, locateUpload } from './upload-location';
import { S3Error } from '../../../s3/errors/s3-error';

/** The part's checksum as the auth layer verified it; read after the body, where a trailer has arrived. */
function receivedChecksum(input: UploadPartInput): ChecksumValue | undefined {
  const value = input.checksum?.value();
  return input.checksum && value !== undefined ? { algorithm: input.checksum.algorithm, value } : undefined;
}

/**
 * PutObject's write path (temporary file in `.sgwtmp`, streamed, synced), then a link into the
 * upload's directory. A part interrupted by a crash was never named: it does not exist.
 */
export async function uploadPart(ctx: PosixContext, input: UploadPartInput): Promise<PartOutput> {
  try {
    const upload = await locateUpload(ctx, input);
    const spec = await readUploadChecksum(ctx.native, upload.paths.uploadDir).catch((err: unknown) => {
      throw isGone(err) ? new S3Error('NoSuchUpload') : err;
    });
    checkPartChecksum(spec, input.checksum?.algorithm);
    const staged = await stageBody(ctx, path.join(upload.op.bucketDir, TMP_DIR), input.key, input);
    return await storePart(ctx, upload, input.partNumber, staged, { spec, value: receivedChecksum(input) });
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
