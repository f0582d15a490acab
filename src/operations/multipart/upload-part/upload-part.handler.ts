import { multipartHandler } from '../multipart-handler';
import { UploadPartCommand } from './upload-part.command';

export const UploadPartHandler = multipartHandler(UploadPartCommand, async (backend, journal, { input, context }) => {
  const part = await backend.uploadPart(input);
  journal.partUploaded(input, { partNumber: input.partNumber, ...part }, context.traceId);
  return part;
});
