import { versionedHandler } from '../../versioned-handler';
import { assertSourceReadable } from '../../copy-source-access';
import { CopyObjectCommand } from './copy-object.command';

export const CopyObjectHandler = versionedHandler(CopyObjectCommand, async (backend, versions, command) => {
  await assertSourceReadable(backend, command.input.source.bucket, command.context.account);
  const result = await backend.copyObject(command.tracedInput());
  versions.created(command, command.input, result);
  return result;
});
