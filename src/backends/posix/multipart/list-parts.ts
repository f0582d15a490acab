import { promises as fsp } from 'node:fs';
import type { ListPartsInput, ListPartsOutput, PartSummary } from '../../backend.types';
import { S3Error } from '../../../s3/errors/s3-error';
import { unquoteEtag } from '../../common/etag';
import { headBucket } from '../buckets';
import type { PosixContext } from '../context';
import { toS3Error } from '../errno';
import { createLimiter } from '../listing/limiter';
import type { NativeFs } from '../native.types';
import { XATTR } from '../posix-layout';
import { decodeChecksums } from '../checksums-attr';
import { partNumberOf, partPath } from './layout';
import { readUploadChecksum, readUploadOwner } from './upload-attrs';
import { isGone, locateUpload } from './upload-location';

const DETAIL_CONCURRENCY = 16;

/** The part numbers present in an upload directory, ascending; other names are not parts. */
export async function partNumbers(uploadDir: string): Promise<number[]> {
  const names = await fsp.readdir(uploadDir);
  return names
    .map(partNumberOf)
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
}

/** One part as ListParts shows it; undefined when it vanished since the directory was read. */
export async function describePart(native: NativeFs, uploadDir: string, partNumber: number): Promise<PartSummary | undefined> {
  const file = partPath(uploadDir, partNumber);
  try {
    const [stat, etag, checksums] = await Promise.all([fsp.stat(file), native.getXattr(file, XATTR.etag), native.getXattr(file, XATTR.checksums)]);
    if (!stat.isFile()) return undefined;
    const part: PartSummary = { partNumber, etag: unquoteEtag(etag?.toString('utf8') ?? ''), size: stat.size, lastModified: stat.mtime };
    const checksum = decodeChecksums(checksums).value;
    if (checksum) part.checksum = checksum;
    return part;
  } catch (err) {
    if (isGone(err)) return undefined;
    throw err;
  }
}

/** Parts by number, from the file system alone: a part sent through any gateway is listed. */
export async function describeParts(native: NativeFs, uploadDir: string, numbers: readonly number[]): Promise<PartSummary[]> {
  const limit = createLimiter(DETAIL_CONCURRENCY);
  const parts = await Promise.all(numbers.map((n) => limit(() => describePart(native, uploadDir, n))));
  return parts.filter((p): p is PartSummary => p !== undefined);
}

export async function listParts(ctx: PosixContext, input: ListPartsInput): Promise<ListPartsOutput> {
  try {
    const upload = await locateUpload(ctx, input);
    const { uploadDir } = upload.paths;
    const [bucket, checksum, numbers, uploadOwner] = await Promise.all([
      headBucket(ctx.native, ctx.root, input.bucket),
      readUploadChecksum(ctx.native, uploadDir),
      partNumbers(uploadDir),
      input.fetchOwner ? readUploadOwner(ctx.native, uploadDir) : undefined,
    ]);
    const after = numbers.filter((n) => n > input.partNumberMarker);
    const page = after.slice(0, input.maxParts);
    const parts = await describeParts(ctx.native, uploadDir, page);
    const output: ListPartsOutput = { owner: bucket.owner, parts, isTruncated: after.length > page.length };
    if (output.isTruncated && page.length > 0) output.nextPartNumberMarker = page[page.length - 1];
    if (checksum) output.checksum = checksum;
    if (uploadOwner !== undefined) output.uploadOwner = uploadOwner;
    return output;
  } catch (err) {
    // Completed or aborted between finding the upload and reading it.
    if (isGone(err)) throw new S3Error('NoSuchUpload');
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
