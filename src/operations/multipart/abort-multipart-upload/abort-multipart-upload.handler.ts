import { multipartHandler } from '../multipart-handler';
import { AbortMultipartUploadCommand } from './abort-multipart-upload.command';

export const AbortMultipartUploadHandler = multipartHandler(AbortMultipartUploadCommand, async (backend, journal, { input, context }) => {
  await backend.abortMultipartUpload(input);
  journal.aborted(input, 'request', context.traceId);
});
