import { fstat as fstatCb } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { S3Error } from '../../s3/errors/s3-error';
import type { CopyObjectInput, CopyObjectOutput } from '../backend.types';
import { type PosixContext, realBucket } from './context';
import { checkSourceConditions, tapChecksum } from './copy-source';
import { hasherFor } from './multipart/multipart-checksum';
import { directoryObjectContainsData, toS3Error } from './errno';
import { encodeAcl } from './acl-attr';
import { fdAttrs, setAttr, writeChecksums, writeObjectAttrs, writeTagging } from './object-attrs';
import type { OpenedObjectFile } from './object-info';
import { resolveObjectPath } from './paths';
import { TMP_DIR, XATTR } from './posix-layout';
import { place, precheck, putObject, stageBody } from './put-object';
import { openCopySource } from './versioning/open-version';
import { VERSIONING_XATTR } from './versioning/version-layout';
import { lockForWrite } from './object-lock/new-version-lock';
import { writeObjectLock } from './object-lock/object-lock-attrs';
import { answeredVersionId, idOfNewVersion, replaceCurrent, versioningOf } from './versioning/versioned-writes';

const fstat = promisify(fstatCb);

/** AWS copies at most 5 GiB in one CopyObject; larger objects are copied part by part (UploadPartCopy). */
const MAX_COPY_BYTES = 5 * 1024 ** 3;

/** AWS's words for a copy that would change nothing. */
const SELF_COPY =
  "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.";

/** The source's data as a stream (a directory object has none), read through its open descriptor. */
function dataOf(source: OpenedObjectFile): Readable {
  const size = source.info.size;
  return size === 0 ? Readable.from([]) : source.file.createReadStream({ start: 0, end: size - 1, own: false });
}

/** The copy's tags: the source's (COPY, read with its other attributes) or the request's (REPLACE). */
function tagsOfCopy(source: OpenedObjectFile, input: CopyObjectInput): Record<string, string> {
  return input.taggingDirective === 'REPLACE' ? (input.tagging ?? {}) : source.tags;
}

/**
 * CopyObject as AWS makes it: a new object with the source's data, written like a PUT (temporary
 * file, MD5 computed on the way, so the copy of a multipart object gets the plain MD5 as its ETag,
 * synced, renamed into place), with the source's metadata and tags or the request's. The source
 * is read through one descriptor, so a concurrent overwrite of it cannot mix two versions; a copy
 * onto itself replaces the object in one rename and must change something.
 */
export async function copyObject(ctx: PosixContext, input: CopyObjectInput): Promise<CopyObjectOutput> {
  const op = resolveObjectPath(ctx.root, input.bucket, input.key);
  try {
    const bucketReal = await realBucket(ctx, op.bucket, op.bucketDir);
    const source = await openCopySource(ctx, input.source);
    const sourceVersion = source.info.versionId === undefined ? {} : { sourceVersionId: source.info.versionId };
    try {
      checkSourceConditions(source.info, input.conditions);
      if (source.info.size > MAX_COPY_BYTES) {
        throw new S3Error('InvalidRequest', `The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_BYTES}`);
      }
      const onItself = input.source.bucket === input.bucket && input.source.key === input.key && input.source.versionId === undefined;
      if (onItself && input.metadataDirective === 'COPY' && input.taggingDirective === 'COPY') throw new S3Error('InvalidRequest', SELF_COPY);
      const metadata = input.metadataDirective === 'REPLACE' ? input.metadata : source.info.metadata;
      const tags = tagsOfCopy(source, input);

      if (op.isDirectoryObject) {
        // A key ending in `/` is a directory here: it can only be the copy of something empty.
        if (source.info.size !== 0) throw directoryObjectContainsData();
        const { etag } = await putObject(ctx, { bucket: input.bucket, key: input.key, body: Readable.from([]), contentLength: 0, metadata, tagging: tags, acl: input.acl });
        return { etag, lastModified: new Date(), ...sourceVersion };
      }

      await precheck(op);
      const versioned = versioningOf(ctx, op);
      const status = versioned === undefined ? undefined : await versioned;
      const lock = await lockForWrite(ctx, op, input.lock, status !== 'Enabled');
      // The copy's checksum is computed over the data on its way, whole (FULL_OBJECT) even when the
      // source's was a multipart upload's COMPOSITE one: the copy is one object of one part.
      const algorithm = input.checksumAlgorithm ?? source.info.checksum?.algorithm;
      const hasher = algorithm === undefined ? undefined : hasherFor(algorithm);
      const body = hasher ? tapChecksum(dataOf(source), (chunk) => hasher.update(chunk)) : dataOf(source);
      const { tmp, etag } = await stageBody(ctx, path.join(op.bucketDir, TMP_DIR), op.key, { body, contentLength: source.info.size, trace: input.trace });
      try {
        const io = fdAttrs(ctx.native, tmp.fd);
        if (input.acl) await setAttr(io, XATTR.acl, encodeAcl(input.acl));
        await writeObjectLock(io, lock);
        await writeTagging(io, tags);
        let checksum: CopyObjectOutput['checksum'];
        if (algorithm !== undefined && hasher) {
          checksum = { algorithm, value: await hasher.digestBase64(), type: 'FULL_OBJECT' };
          await writeChecksums(io, { spec: { algorithm, type: 'FULL_OBJECT' }, value: checksum });
        }
        await writeObjectAttrs(io, etag, metadata);
        const { mtime } = await fstat(tmp.fd);
        const versionId = status === undefined ? undefined : answeredVersionId(idOfNewVersion(status));
        if (versionId !== undefined) await setAttr(io, VERSIONING_XATTR.versionId, versionId);
        const placeCopy = () => place(ctx, op, bucketReal, tmp);
        await (status === undefined || ctx.versioning === undefined ? placeCopy() : replaceCurrent(ctx, ctx.versioning, op, status, placeCopy));
        const versions = { ...sourceVersion, ...(versionId === undefined ? {} : { versionId }) };
        return checksum ? { etag, lastModified: mtime, checksum, ...versions } : { etag, lastModified: mtime, ...versions };
      } finally {
        await tmp.dispose();
      }
    } finally {
      await source.file.close().catch(() => undefined);
    }
  } catch (err) {
    throw toS3Error(err, { op: 'write', key: input.key });
  }
}
