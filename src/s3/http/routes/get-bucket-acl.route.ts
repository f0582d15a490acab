import type { AccessControlList } from '../../../backends/backend';
import { GetBucketAclCommand } from '../../../operations/buckets/get-bucket-acl/get-bucket-acl.command';
import { aclDocument } from '../xml/acl-document';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const getBucketAclRoute: S3Route<AccessControlList> = {
  operation: 'GetBucketAcl',
  toCommand: (req) => new GetBucketAclCommand(req.context, { bucket: bucketOf(req) }),
  send: (reply, acl) => sendXml(reply, toXml('AccessControlPolicy', aclDocument(acl))),
};
