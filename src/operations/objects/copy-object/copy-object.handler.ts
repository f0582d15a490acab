import { backendHandler } from '../../backend-handler';
import { assertSourceReadable } from '../../copy-source-access';
import { CopyObjectCommand } from './copy-object.command';

export const CopyObjectHandler = backendHandler(CopyObjectCommand, async (backend, command) => {
  await assertSourceReadable(backend, command.input.source.bucket, command.context.account);
  return backend.copyObject(command.tracedInput());
});
