import type { AccessControlList } from '../../../backends/backend';
import { GetObjectAclCommand } from '../../../operations/objects/get-object-acl/get-object-acl.command';
import { aclDocument } from '../xml/acl-document';
import { toXml } from '../xml/xml-writer';
import { objectOf, S3Route, sendXml } from './s3-route';

export const getObjectAclRoute: S3Route<AccessControlList> = {
  operation: 'GetObjectAcl',
  toCommand: (req) => new GetObjectAclCommand(req.context, objectOf(req)),
  send: (reply, acl) => sendXml(reply, toXml('AccessControlPolicy', aclDocument(acl))),
};
