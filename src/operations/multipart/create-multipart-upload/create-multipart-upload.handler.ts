import { multipartHandler } from '../multipart-handler';
import { CreateMultipartUploadCommand } from './create-multipart-upload.command';

export const CreateMultipartUploadHandler = multipartHandler(CreateMultipartUploadCommand, async (backend, journal, { input, context }) => {
  const created = await backend.createMultipartUpload(input);
  journal.created({ bucket: input.bucket, key: input.key, uploadId: created.uploadId }, created.initiated, input.checksum, context.traceId);
  return created;
});
