import { PutBucketAclCommand } from '../../../operations/buckets/put-bucket-acl/put-bucket-acl.command';
import { aclRequestOf } from './acl-request-of';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

export const putBucketAclRoute: S3Route<void> = {
  operation: 'PutBucketAcl',
  toCommand: async (req) => new PutBucketAclCommand(req.context, { bucket: bucketOf(req), acl: await aclRequestOf(req) }),
  send: (reply) => sendEmpty(reply),
};
