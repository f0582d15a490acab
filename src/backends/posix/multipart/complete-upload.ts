import { S3Error } from '../../../s3/errors/s3-error';
import type { ChecksumType, CompleteMultipartUploadInput, CompleteMultipartUploadOutput, UploadChecksumSpec } from '../../backend.types';
import { toS3Error } from '../errno';
import { fdAttrs, setAttr, writeChecksums, writeObjectAttrs } from '../object-attrs';
import { writeObjectParts } from '../object-parts-attr';
import { XATTR } from '../posix-layout';
import { checkWriteConditions, place, precheck } from '../put-object';
import { VERSIONING_XATTR } from '../versioning/version-layout';
import { answeredVersionId, idOfNewVersion, replaceCurrent, versioningOf } from '../versioning/versioned-writes';
import { lockForWrite } from '../object-lock/new-version-lock';
import { writeObjectLock } from '../object-lock/object-lock-attrs';
import { assembleParts } from './assemble-parts';
import { type CheckedPart, checkListedParts } from './complete-parts';
import { clearMarker, writeMarker } from './completion-marker';
import { compositeChecksum, hasherFor, multipartEtag } from './multipart-checksum';
import { readUploadAttrs } from './upload-attrs';
import { isGone, locateUpload, type MultipartContext } from './upload-location';

function checkRequestedType(spec: UploadChecksumSpec | undefined, requested: ChecksumType | undefined): void {
  if (requested === undefined || requested === spec?.type) return;
  throw new S3Error(
    'InvalidRequest',
    `The upload was created using the ${spec?.type ?? 'null'} checksum mode. The complete request must use the same checksum mode.`,
  );
}

function checkObjectSize(parts: readonly CheckedPart[], expected: number | undefined): number {
  const size = parts.reduce((sum, part) => sum + part.size, 0);
  if (expected !== undefined && expected !== size) {
    throw new S3Error('InvalidRequest', `The provided 'x-amz-mp-object-size' header value ${expected} does not match what was computed: ${size}`);
  }
  return size;
}

/**
 * Assembles the listed parts into a temporary file in the bucket's `.sgwtmp`, gives it the
 * upload's metadata, tags, checksum and ETag, and renames it over the key: readers see the old
 * object or the whole new one. Just before the rename the upload directory is marked with what
 * the object will be, which is how recovery tells a completion that crashed after the rename
 * (finish it) from one that crashed before it (roll back). The parts stay for
 * releaseMultipartUpload, after the caller has recorded the completion.
 */
export async function completeMultipartUpload(ctx: MultipartContext, input: CompleteMultipartUploadInput): Promise<CompleteMultipartUploadOutput> {
  try {
    const upload = await locateUpload(ctx, input);
    const { uploadDir } = upload.paths;
    const attrs = await readUploadAttrs(ctx.native, uploadDir).catch((err: unknown) => {
      throw isGone(err) ? new S3Error('NoSuchUpload') : err;
    });
    const spec = attrs.checksum;
    checkRequestedType(spec, input.checksumType);
    const parts = await checkListedParts(ctx.native, uploadDir, input.parts, spec);
    const size = checkObjectSize(parts, input.objectSize);
    await precheck(upload.op);
    // Before a gigabyte is copied for nothing; checked again at the rename.
    await checkWriteConditions(ctx, upload.op, input.writeConditions);

    const etag = multipartEtag(parts.map((part) => part.etag));
    const hasher = spec?.type === 'FULL_OBJECT' ? hasherFor(spec.algorithm) : undefined;
    const assembly = await ctx.assembly.open(ctx, upload, input.key, { etag, size, partCount: parts.length }, input.trace);
    const { tmp } = assembly;
    try {
      await assembleParts(input.trace, ctx.native, parts, tmp.fd, { useCopyFileRange: ctx.useCopyFileRange, slots: ctx.copySlots, hasher, mover: assembly.mover });
      let checksum: CompleteMultipartUploadOutput['checksum'];
      if (spec) {
        // Every part's checksum is known here: checkListedParts refused a part without one.
        const value = hasher ? await hasher.digestBase64() : await compositeChecksum(spec.algorithm, parts.flatMap((part) => part.checksum ?? []));
        if (input.checksum && (input.checksum.algorithm !== spec.algorithm || input.checksum.value !== value)) {
          throw new S3Error('BadDigest', `The ${input.checksum.algorithm} you specified did not match the calculated checksum.`);
        }
        checksum = { algorithm: spec.algorithm, type: spec.type, value };
      }
      await tmp.sync();
      const io = fdAttrs(ctx.native, tmp.fd);
      if (attrs.acl) await setAttr(io, XATTR.acl, attrs.acl);
      if (attrs.tagging) await setAttr(io, XATTR.tagging, attrs.tagging);
      const versioned = versioningOf(ctx, upload.op);
      const status = versioned === undefined ? undefined : await versioned;
      // The upload's lock, or the bucket's default retention as of now: the version is made now.
      await writeObjectLock(io, await lockForWrite(ctx, upload.op, attrs.lock, status !== 'Enabled'));
      if (checksum) await writeChecksums(io, { spec, value: checksum });
      await writeObjectParts(io, input.uploadId, parts);
      await writeObjectAttrs(io, etag, attrs.metadata);
      const versionId = status === undefined ? undefined : answeredVersionId(idOfNewVersion(status));
      if (versionId !== undefined) await setAttr(io, VERSIONING_XATTR.versionId, versionId);
      await ctx.pauses.reached('complete:assembled');

      await writeMarker(ctx.native, uploadDir, { etag, size, partCount: parts.length });
      await ctx.pauses.reached('complete:marked');
      const placeObject = () => place(ctx, upload.op, upload.bucketReal, tmp, input.writeConditions);
      try {
        // In a versioned bucket the current object is first put among the older versions.
        await (status === undefined || ctx.versioning === undefined ? placeObject() : replaceCurrent(ctx, ctx.versioning, upload.op, status, placeObject));
      } catch (err) {
        await clearMarker(ctx.native, uploadDir).catch(() => undefined);
        throw err;
      }
      const version = versionId === undefined ? {} : { versionId };
      return checksum ? { etag, size, checksum, ...version } : { etag, size, ...version };
    } catch (err) {
      // What a mover took goes back to the parts before the file goes; if it cannot, recovery will.
      await assembly.giveBack().catch(() => tmp.keepOnDisk());
      throw err;
    } finally {
      await tmp.dispose();
    }
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
