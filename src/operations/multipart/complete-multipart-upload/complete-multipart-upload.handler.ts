import { Logger } from '@nestjs/common';
import type { CompleteMultipartUploadOutput } from '../../../backends/backend';
import { S3Error } from '../../../s3/errors/s3-error';
import { multipartHandler } from '../multipart-handler';
import { CompleteMultipartUploadCommand } from './complete-multipart-upload.command';
import { checkPartOrder } from './part-list';
import { retriedCompletion } from './retried-completion';

const logger = new Logger('multipart');

/**
 * The order that keeps a crash harmless: the object is put in place whole (or not at all), then
 * the completion is recorded, then the parts are removed. Recovery finishes what a crash
 * interrupted between these steps. A Complete retried after success answers as the first did.
 */
export const CompleteMultipartUploadHandler = multipartHandler(CompleteMultipartUploadCommand, async (backend, journal, command, pauses, versions) => {
  const { input, context } = command;
  checkPartOrder(input.parts);
  let result: CompleteMultipartUploadOutput;
  try {
    result = await backend.completeMultipartUpload(command.input);
  } catch (error) {
    if (S3Error.is(error, 'NoSuchUpload')) return retriedCompletion(backend, journal, input, error);
    throw error;
  }
  await pauses.reached('complete:published');
  journal.completed(input, { etag: result.etag, size: result.size, partCount: input.parts.length }, 'request', context.traceId);
  versions.created(command, input, result);
  await backend.releaseMultipartUpload(input).catch((error: unknown) => {
    // The object is complete and recorded; leftover parts are removed by the next start-up's recovery.
    logger.warn(`parts of completed upload ${input.uploadId} not removed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return result;
});
