import { governedHandler } from '../../governed-handler';
import { PutObjectRetentionCommand } from './put-object-retention.command';

/** The storage applies the change as the version's current retention allows, then this node's journal records it. */
export const PutObjectRetentionHandler = governedHandler(PutObjectRetentionCommand, async (backend, versions, command, target, bypassGovernance) => {
  const result = await backend.putObjectRetention({ ...target, bypassGovernance });
  versions.retentionChanged(command, target, result, { ...(target.retention === undefined ? {} : { retention: target.retention }), bypassGovernance });
  return result;
});
