import { multipartHandler } from '../multipart-handler';
import { UploadPartCopyCommand } from './upload-part-copy.command';

export const UploadPartCopyHandler = multipartHandler(UploadPartCopyCommand, async (backend, journal, command) => {
  // The source's access was checked at admission, with the destination's.
  const { input, context } = command;
  const part = await backend.uploadPartCopy(command.input);
  journal.partUploaded(input, { partNumber: input.partNumber, ...part }, context.traceId);
  return part;
});
