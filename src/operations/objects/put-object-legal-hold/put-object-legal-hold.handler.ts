import { versionedHandler } from '../../versioned-handler';
import { PutObjectLegalHoldCommand } from './put-object-legal-hold.command';

/** The hold is set on storage, then this node's journal records who set it on which version. */
export const PutObjectLegalHoldHandler = versionedHandler(PutObjectLegalHoldCommand, async (backend, versions, command) => {
  const { input } = command;
  const result = await backend.putObjectLegalHold(input);
  versions.legalHoldChanged(command, input, result, input.legalHold);
  return result;
});
