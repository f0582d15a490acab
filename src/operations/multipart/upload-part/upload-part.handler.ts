import { multipartHandler } from '../multipart-handler';
import { UploadPartCommand } from './upload-part.command';

export const UploadPartHandler = multipartHandler(UploadPartCommand, async (backend, journal, command) => {
  const { input, context } = command;
  const part = await backend.uploadPart(command.input);
  journal.partUploaded(input, { partNumber: input.partNumber, ...part }, context.traceId);
  return part;
});
