import { Logger } from '@nestjs/common';
import { multipartHandler } from '../multipart-handler';
import { CompleteMultipartUploadCommand } from './complete-multipart-upload.command';
import { checkPartOrder } from './part-list';

const logger = new Logger('multipart');

/**
 * The order that keeps a crash harmless: the object is put in place whole (or not at all), then
 * the completion is recorded, then the parts are removed. Recovery finishes what a crash
 * interrupted between these steps.
 */
export const CompleteMultipartUploadHandler = multipartHandler(CompleteMultipartUploadCommand, async (backend, journal, command, pauses, versions) => {
  const { input, context } = command;
  checkPartOrder(input.parts);
  const result = await backend.completeMultipartUpload(command.tracedInput());
  await pauses.reached('complete:published');
  journal.completed(input, { etag: result.etag, size: result.size, partCount: input.parts.length }, 'request', context.traceId);
  versions.created(command, input, result);
  await backend.releaseMultipartUpload(input).catch((error: unknown) => {
    // The object is complete and recorded; leftover parts are removed by the next start-up's recovery.
    logger.warn(`parts of completed upload ${input.uploadId} not removed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return result;
});
