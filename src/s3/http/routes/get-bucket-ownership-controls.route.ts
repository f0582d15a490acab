import type { ObjectOwnership } from '../../../backends/backend';
import { GetBucketOwnershipControlsCommand } from '../../../operations/buckets/get-bucket-ownership-controls/get-bucket-ownership-controls.command';
import { ownershipControlsDocument } from '../xml/ownership-document';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const getBucketOwnershipControlsRoute: S3Route<ObjectOwnership> = {
  operation: 'GetBucketOwnershipControls',
  toCommand: (req) => new GetBucketOwnershipControlsCommand(req.context, { bucket: bucketOf(req) }),
  send: (reply, ownership) => sendXml(reply, toXml('OwnershipControls', ownershipControlsDocument(ownership))),
};
