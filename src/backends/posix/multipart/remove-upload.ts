import { promises as fsp } from 'node:fs';
import { S3Error } from '../../../s3/errors/s3-error';
import type { UploadInput } from '../../backend.types';
import type { PosixContext } from '../context';
import { toS3Error } from '../errno';
import type { UploadPaths } from './layout';
import { locateUpload } from './upload-location';

/** Removes the upload's directory, then its key directory unless another upload of the key lives there. */
export async function removeUploadDir(paths: UploadPaths): Promise<void> {
  await fsp.rm(paths.uploadDir, { recursive: true, force: true });
  await fsp.rmdir(paths.keyDir).catch(() => undefined);
}

export async function abortMultipartUpload(ctx: PosixContext, input: UploadInput): Promise<void> {
  try {
    const upload = await locateUpload(ctx, input);
    await removeUploadDir(upload.paths);
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}

/** After a completion is recorded: the parts go; gone already (another node, recovery) is fine. */
export async function releaseMultipartUpload(ctx: PosixContext, input: UploadInput): Promise<void> {
  try {
    const upload = await locateUpload(ctx, input);
    await removeUploadDir(upload.paths);
  } catch (err) {
    if (S3Error.is(err, 'NoSuchUpload') || S3Error.is(err, 'NoSuchBucket')) return;
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
