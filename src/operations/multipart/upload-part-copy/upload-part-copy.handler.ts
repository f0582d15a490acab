import { assertSourceReadable } from '../../copy-source-access';
import { multipartHandler } from '../multipart-handler';
import { UploadPartCopyCommand } from './upload-part-copy.command';

export const UploadPartCopyHandler = multipartHandler(UploadPartCopyCommand, async (backend, journal, { input, context }) => {
  await assertSourceReadable(backend, input.source.bucket, context.account);
  const part = await backend.uploadPartCopy(input);
  journal.partUploaded(input, { partNumber: input.partNumber, ...part }, context.traceId);
  return part;
});
