import { accessHandler } from '../../access/access-handler';
import { assertAclWritable } from '../../access/acl-write-rules';
import { resolveAcl } from '../../access/resolve-acl';
import { PutBucketAclCommand } from './put-bucket-acl.command';

export const PutBucketAclHandler = accessHandler(PutBucketAclCommand, async (deps, command) => {
  const { bucket } = command.input;
  const config = await deps.backend.bucketAccess({ bucket });
  const owner = config.acl.owner;
  const acl = resolveAcl(command.input.acl, { owner, bucketOwner: owner }, deps.iam);
  assertAclWritable(acl, config);
  await deps.change(bucket, { kind: 'acl', value: acl }, command);
});
