import { versionedHandler } from '../../versioned-handler';
import { PutObjectCommand } from './put-object.command';

export const PutObjectHandler = versionedHandler(PutObjectCommand, async (backend, versions, command) => {
  const result = await backend.putObject(command.tracedInput());
  versions.created(command, command.input, result);
  return result;
});
