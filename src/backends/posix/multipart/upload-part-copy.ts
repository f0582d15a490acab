import * as path from 'node:path';
import { Readable } from 'node:stream';
import { S3Error } from '../../../s3/errors/s3-error';
import type { ChecksumValue, PartOutput, UploadPartCopyInput } from '../../backend.types';
import { type PosixContext } from '../context';
import { checkSourceConditions, tapChecksum } from '../copy-source';
import { toS3Error } from '../errno';
import { openCopySource } from '../versioning/open-version';
import { TMP_DIR } from '../posix-layout';
import { stageBody } from '../put-object';
import { hasherFor } from './multipart-checksum';
import { storePart } from './part-file';
import { readUploadChecksum } from './upload-attrs';
import { isGone, locateUpload } from './upload-location';

/** The inclusive byte range to copy; VersityGW's (and S3's) answer to one outside the source. */
function copyRange(input: UploadPartCopyInput, size: number): { start: number; length: number } {
  if (input.range === undefined) return { start: 0, length: size };
  const { start, end } = input.range;
  if (end >= size) throw new S3Error('InvalidArgument', `Range specified is not valid for source object of size: ${size}`);
  return { start, length: end - start + 1 };
}

/**
 * A part made of (a range of) an existing object: read through one descriptor, so a concurrent
 * overwrite of the source cannot mix two versions, then stored exactly as UploadPart stores one.
 */
export async function uploadPartCopy(ctx: PosixContext, input: UploadPartCopyInput): Promise<PartOutput> {
  try {
    const upload = await locateUpload(ctx, input);
    const spec = await readUploadChecksum(ctx.native, upload.paths.uploadDir).catch((err: unknown) => {
      throw isGone(err) ? new S3Error('NoSuchUpload') : err;
    });
    const source = await openCopySource(ctx, input.source);
    try {
      checkSourceConditions(source.info, input.conditions);
      const { start, length } = copyRange(input, source.info.size);
      let body: Readable =
        length === 0 ? Readable.from([]) : source.file.createReadStream({ start, end: start + length - 1, own: false });
      const hasher = spec ? hasherFor(spec.algorithm) : undefined;
      if (hasher) body = tapChecksum(body, (chunk) => hasher.update(chunk));
      const staged = await stageBody(ctx, path.join(upload.op.bucketDir, TMP_DIR), input.key, { body, contentLength: length, trace: input.trace });
      let value: ChecksumValue | undefined;
      if (spec && hasher) value = { algorithm: spec.algorithm, value: await hasher.digestBase64() };
      const part = await storePart(ctx, upload, input.partNumber, staged, { spec, value });
      return source.info.versionId === undefined ? part : { ...part, sourceVersionId: source.info.versionId };
    } finally {
      await source.file.close().catch(() => undefined);
    }
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
