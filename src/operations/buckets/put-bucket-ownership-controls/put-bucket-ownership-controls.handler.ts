import { accessHandler } from '../../access/access-handler';
import { S3Error } from '../../../s3/errors/s3-error';
import { isOwnerOnlyAcl } from '../../access/resolve-acl';
import { PutBucketOwnershipControlsCommand } from './put-bucket-ownership-controls.command';

export const PutBucketOwnershipControlsHandler = accessHandler(PutBucketOwnershipControlsCommand, async (deps, command) => {
  const { bucket, ownership } = command.input;
  // AWS refuses to disable ACLs while the bucket's ACL still grants to others.
  if (ownership === 'BucketOwnerEnforced' && !isOwnerOnlyAcl((await deps.backend.bucketAccess({ bucket })).acl)) {
    throw new S3Error('InvalidBucketAclWithObjectOwnership');
  }
  await deps.change(bucket, { kind: 'ownership', value: ownership }, command);
});
