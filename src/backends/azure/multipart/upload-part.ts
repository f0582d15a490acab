import { createHash } from 'node:crypto';
import { RestError } from '@azure/storage-blob';
import { Readable } from 'node:stream';
import { ATTR } from '../../../telemetry/attributes';
import type { SpanParent } from '../../../telemetry/with-span';
import type { PartOutput, UploadPartCopyInput, UploadPartInput } from '../../backend.types';
import { checkSourceConditions, tapChecksum } from '../../posix/copy-source';
import { S3Error } from '../../../s3/errors/s3-error';
import { azureCall } from '../azure-call';
import { toS3Error, translated } from '../azure-errors';
import type { AzureStorage } from '../azure-storage';
import { describeBlob, onlyNullVersion } from '../objects';
import { newBlockId } from './upload-names';
import { readMarker, writePartRecord } from './upload-records';

/** Largest block Azure stages (Put Block, Put Block From URL): 4000 MiB, S3's 5 GiB part is larger. */
const MAX_BLOCK = 4000 * 1024 * 1024;

/**
 * Stages `body` as a new block of the object's blob, its MD5 (the part's ETag) computed on the way,
 * then records the part. Azure stages no empty block: a part of no bytes is a record alone.
 */
async function stagePart(storage: AzureStorage, input: { bucket: string; key: string; uploadId: string; partNumber: number; trace?: SpanParent }, body: Readable, length: number, contentMd5?: Buffer): Promise<PartOutput> {
  if (length > MAX_BLOCK) throw new S3Error('EntityTooLarge', `The azure backend stages parts of at most ${MAX_BLOCK} bytes`);
  const md5 = createHash('md5');
  const hashed = tapChecksum(body, (chunk) => md5.update(chunk));
  const blockId = length === 0 ? '' : newBlockId(input.uploadId, input.partNumber);
  let bodyError: unknown;
  body.on('error', (error) => (bodyError ??= error));
  if (length === 0) {
    for await (const _chunk of hashed) void _chunk;
  } else {
    const blob = storage.blob(input.bucket, input.key);
    try {
      await azureCall(input.trace, 'PutBlock', () => blob.stageBlock(blockId, () => hashed, length, contentMd5 !== undefined ? { transactionalContentMD5: contentMd5 } : {}));
    } catch (error) {
      throw toS3Error(bodyError ?? error, 'upload');
    }
  }
  const etag = md5.digest('hex');
  const lastModified = await writePartRecord(storage, input.bucket, input.key, input.uploadId, { partNumber: input.partNumber, blockId, etag, size: length }, input.trace);
  return { etag, size: length, lastModified };
}

export async function uploadPart(storage: AzureStorage, input: UploadPartInput): Promise<PartOutput> {
  await readMarker(storage, input.bucket, input.key, input.uploadId, input.trace);
  return stagePart(storage, input, input.body, input.contentLength, input.contentMd5);
}

/** Put Block From URL, where the service has it; Azurite answers 501 APINotImplemented. */
function notImplementedByService(error: unknown): boolean {
  return error instanceof RestError && (error.statusCode === 501 || error.code === 'APINotImplemented');
}

/**
 * The part is copied in the service (Put Block From URL, the source read through a short SAS) and
 * its ETag is then the MD5 of what Azure knows of the source range (its ETag and the range): no
 * byte passes through the gateway to hash. Where the service cannot (Azurite), the range is read
 * and staged through the gateway, its real MD5 computed on the way. `azure.copy_method` says which.
 */
export async function uploadPartCopy(storage: AzureStorage, input: UploadPartCopyInput): Promise<PartOutput> {
  onlyNullVersion(input.source);
  await readMarker(storage, input.bucket, input.key, input.uploadId, input.trace);
  const source = await describeBlob(storage, input.source.bucket, input.source.key, input.trace);
  checkSourceConditions(source.info, input.conditions);
  const range = input.range ?? { start: 0, end: source.info.size - 1 };
  if (input.range !== undefined && (range.end >= source.info.size || range.start > range.end)) {
    throw new S3Error('InvalidRange', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', {
      RangeRequested: `bytes=${range.start}-${range.end}`,
      ActualObjectSize: source.info.size,
    });
  }
  const length = Math.max(0, range.end - range.start + 1);
  if (length > 0) {
    const blockId = newBlockId(input.uploadId, input.partNumber);
    const blob = storage.blob(input.bucket, input.key);
    const url = await storage.readableUrl(input.source.bucket, input.source.key);
    try {
      await azureCall(input.trace, 'PutBlockFromURL', () => blob.stageBlockFromURL(blockId, url, range.start, length));
      input.trace?.setAttribute(ATTR.azureCopyMethod, 'stage_block_from_url');
      const etag = createHash('md5').update(`${source.azureEtag}:${range.start}-${range.end}`).digest('hex');
      const lastModified = await writePartRecord(storage, input.bucket, input.key, input.uploadId, { partNumber: input.partNumber, blockId, etag, size: length }, input.trace);
      return { etag, size: length, lastModified };
    } catch (error) {
      if (!notImplementedByService(error)) throw toS3Error(error, 'upload');
    }
  }
  input.trace?.setAttribute(ATTR.azureCopyMethod, 'streamed');
  const sourceBlob = storage.blob(input.source.bucket, input.source.key);
  const download =
    length === 0
      ? undefined
      : await translated('object', () => azureCall(input.trace, 'GetBlob', () => sourceBlob.download(range.start, length, { conditions: { ifMatch: source.azureEtag } })));
  const body = (download?.readableStreamBody as Readable | undefined) ?? Readable.from([]);
  return stagePart(storage, input, body, length);
}
