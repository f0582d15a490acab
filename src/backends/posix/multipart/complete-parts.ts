import { fstat as fstatCb, promises as fsp } from 'node:fs';
import { promisify } from 'node:util';
import { S3Error } from '../../../s3/errors/s3-error';
import type { ChecksumValue, CompletedPart, UploadChecksumSpec } from '../../backend.types';
import { unquoteEtag } from '../../common/etag';
import { createLimiter } from '../listing/limiter';
import type { NativeFs } from '../native.types';
import { XATTR } from '../posix-layout';
import type { AssemblySource, OpenSource } from './assemble-parts';
import { decodeChecksums } from '../checksums-attr';
import { MIN_PART_SIZE, partPath } from './layout';
import { isGone } from './upload-location';

const fstat = promisify(fstatCb);

/** Parts are checked this many at a time (each an open, an fstat and two attribute reads). */
const CHECK_CONCURRENCY = 16;

export interface CheckedPart extends AssemblySource {
  etag: string;
  /** What UploadPart stored, when the upload has a checksum algorithm. */
  checksum?: ChecksumValue;
}

interface PartFile extends OpenSource {
  size: number;
  etag: string;
  checksum?: ChecksumValue;
}

/** Opens a part and describes it from that one descriptor, so what is checked is what is copied. */
async function openPartFile(native: NativeFs, file: string): Promise<PartFile> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch (err) {
    if (isGone(err)) throw new S3Error('InvalidPart');
    throw err;
  }
  try {
    const [stat, etagAttr, checksums] = await Promise.all([
      fstat(handle.fd),
      native.fgetXattr(handle.fd, XATTR.etag),
      native.fgetXattr(handle.fd, XATTR.checksums),
    ]);
    if (!stat.isFile()) throw new S3Error('InvalidPart');
    const part: PartFile = { fd: handle.fd, size: stat.size, etag: unquoteEtag(etagAttr?.toString('utf8') ?? ''), close: () => handle.close() };
    const checksum = decodeChecksums(checksums).value;
    if (checksum) part.checksum = checksum;
    return part;
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}

/** VersityGW's rule for the part checksums a CompleteMultipartUpload lists (its validatePartChecksum). */
function checkListedChecksum(spec: UploadChecksumSpec | undefined, listed: CompletedPart, stored: ChecksumValue | undefined): void {
  // An upload without an algorithm kept no part checksums: there is nothing to compare with.
  if (spec === undefined) return;
  if (listed.checksum === undefined) {
    throw new S3Error(
      'InvalidRequest',
      `The upload was created using a ${spec.algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${listed.partNumber} in the request.`,
    );
  }
  if (listed.checksum.algorithm === spec.algorithm) {
    if (listed.checksum.value !== stored?.value) throw new S3Error('InvalidPart');
    return;
  }
  throw new S3Error('BadDigest', `The ${listed.checksum.algorithm.toLowerCase()} you specified for part ${listed.partNumber} did not match what we received.`);
}

/**
 * Checks the listed parts as S3 does: each must exist with the ETag the client lists
 * (InvalidPart), every part but the last must be at least 5 MiB (EntityTooSmall), listed checksums
 * must match what was received. Holds no descriptor afterwards (an upload may have 10,000 parts):
 * each part is opened again for its copy and must still be the part checked here.
 */
export async function checkListedParts(
  native: NativeFs,
  uploadDir: string,
  listed: readonly CompletedPart[],
  spec: UploadChecksumSpec | undefined,
): Promise<CheckedPart[]> {
  const limit = createLimiter(CHECK_CONCURRENCY);
  const checked = await Promise.allSettled(
    listed.map((item, i) =>
      limit(async (): Promise<CheckedPart> => {
        const file = partPath(uploadDir, item.partNumber);
        const found = await openPartFile(native, file);
        await found.close().catch(() => undefined);
        if (found.etag !== unquoteEtag(item.etag)) throw new S3Error('InvalidPart');
        if (i < listed.length - 1 && found.size < MIN_PART_SIZE) {
          throw new S3Error('EntityTooSmall', undefined, { ProposedSize: found.size, MinSizeAllowed: MIN_PART_SIZE, PartNumber: item.partNumber });
        }
        checkListedChecksum(spec, item, found.checksum);
        const part: CheckedPart = {
          partNumber: item.partNumber,
          size: found.size,
          etag: found.etag,
          open: async () => {
            const again = await openPartFile(native, file);
            // Uploaded again since the check: the client listed a part that is no longer there.
            if (again.etag !== found.etag || again.size !== found.size) {
              await again.close().catch(() => undefined);
              throw new S3Error('InvalidPart');
            }
            return again;
          },
        };
        if (found.checksum) part.checksum = found.checksum;
        return part;
      }),
    ),
  );
  // Checked concurrently, reported in list order: the first bad part is the one a client hears about.
  const failed = checked.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return checked.map((result) => (result as PromiseFulfilledResult<CheckedPart>).value);
}
