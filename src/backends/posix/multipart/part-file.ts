import { fstat as fstatCb } from 'node:fs';
import { promisify } from 'node:util';
import { S3Error } from '../../../s3/errors/s3-error';
import type { ChecksumAlgorithmName, ChecksumValue, PartOutput, UploadChecksumSpec } from '../../backend.types';
import { quoteEtag } from '../../common/etag';
import { fdAttrs, setAttr, writeChecksums } from '../object-attrs';
import type { PosixContext } from '../context';
import { XATTR } from '../posix-layout';
import type { StagedBody } from '../put-object';
import { partPath } from './layout';
import { isGone, type LocatedUpload } from './upload-location';

const fstat = promisify(fstatCb);

/**
 * A part must carry a checksum of the upload's algorithm when the upload was created with one
 * (VersityGW's answer, AWS's too); a part of an upload without one may carry any.
 */
export function checkPartChecksum(spec: UploadChecksumSpec | undefined, algorithm: ChecksumAlgorithmName | undefined): void {
  if (spec === undefined) return;
  const actual = algorithm ?? 'null';
  if (actual !== spec.algorithm) {
    throw new S3Error(
      'InvalidRequest',
      `Checksum Type mismatch occurred, expected checksum Type: ${spec.algorithm.toLowerCase()}, actual checksum Type: ${actual.toLowerCase()}`,
    );
  }
}

/**
 * Gives a staged part its attributes and its name `<upload dir>/<part number>`, replacing an
 * earlier upload of the same part in one rename: a reader (ListParts, Complete) sees the old part
 * or the new one, never half of either. Disposes the staged file.
 */
export async function storePart(
  ctx: PosixContext,
  upload: LocatedUpload,
  partNumber: number,
  staged: StagedBody,
  checksum: { spec?: UploadChecksumSpec; value?: ChecksumValue },
): Promise<PartOutput> {
  const { tmp, etag } = staged;
  try {
    const io = fdAttrs(ctx.native, tmp.fd);
    // As VersityGW: a part keeps its checksum only when the upload has an algorithm to combine.
    if (checksum.spec && checksum.value) await writeChecksums(io, { value: checksum.value });
    await setAttr(io, XATTR.etag, quoteEtag(etag));
    const stat = await fstat(tmp.fd);
    try {
      await tmp.publish(partPath(upload.paths.uploadDir, partNumber));
    } catch (err) {
      // Aborted or completed while the part was on its way.
      if (isGone(err)) throw new S3Error('NoSuchUpload');
      throw err;
    }
    const output: PartOutput = { etag, size: stat.size, lastModified: stat.mtime };
    if (checksum.value) output.checksum = checksum.value;
    return output;
  } finally {
    await tmp.dispose();
  }
}
