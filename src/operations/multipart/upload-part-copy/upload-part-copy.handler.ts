import { assertSourceReadable } from '../../copy-source-access';
import { multipartHandler } from '../multipart-handler';
import { UploadPartCopyCommand } from './upload-part-copy.command';

export const UploadPartCopyHandler = multipartHandler(UploadPartCopyCommand, async (backend, journal, command) => {
  const { input, context } = command;
  await assertSourceReadable(backend, input.source.bucket, context.account);
  const part = await backend.uploadPartCopy(command.tracedInput());
  journal.partUploaded(input, { partNumber: input.partNumber, ...part }, context.traceId);
  return part;
});
