import { versionedHandler } from '../../versioned-handler';
import { DeleteObjectCommand } from './delete-object.command';

export const DeleteObjectHandler = versionedHandler(DeleteObjectCommand, async (backend, versions, command) => {
  const result = await backend.deleteObject(command.input);
  versions.deleted(command, command.input, result);
  return result;
});
