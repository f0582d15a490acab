import { accessHandler } from '../../access/access-handler';
import { assertAclWritable } from '../../access/acl-write-rules';
import { resolveAcl } from '../../access/resolve-acl';
import { PutObjectAclCommand } from './put-object-acl.command';

export const PutObjectAclHandler = accessHandler(PutObjectAclCommand, async (deps, command) => {
  const { bucket, key } = command.input;
  const current = await deps.backend.getObjectAcl({ bucket, key });
  const config = await deps.backend.bucketAccess({ bucket });
  const bucketOwner = config.acl.owner;
  const acl = resolveAcl(command.input.acl, { owner: current?.owner ?? bucketOwner, bucketOwner }, deps.iam);
  assertAclWritable(acl, config);
  await deps.backend.putObjectAcl({ bucket, key, acl });
  const { context } = command;
  deps.journal.objectAclChanged(bucket, key, acl, context.account?.access, context.traceId);
});
