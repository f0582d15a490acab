import { governedHandler } from '../../governed-handler';
import { DeleteObjectCommand } from './delete-object.command';

/**
 * The storage deletes (a locked version stays, unless a GOVERNANCE retention is bypassed by an
 * account allowed to), then this node's journal records the version made or removed.
 */
export const DeleteObjectHandler = governedHandler(DeleteObjectCommand, async (backend, versions, command, target, bypassGovernance) => {
  const result = await backend.deleteObject(bypassGovernance ? { ...target, bypassGovernance } : target);
  versions.deleted(command, target, result);
  return result;
});
