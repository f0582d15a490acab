import type { PublicAccessBlock } from '../../../backends/backend';
import { GetPublicAccessBlockCommand } from '../../../operations/buckets/get-public-access-block/get-public-access-block.command';
import { publicAccessBlockDocument } from '../xml/public-access-block-document';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const getPublicAccessBlockRoute: S3Route<PublicAccessBlock> = {
  operation: 'GetPublicAccessBlock',
  toCommand: (req) => new GetPublicAccessBlockCommand(req.context, { bucket: bucketOf(req) }),
  send: (reply, block) => sendXml(reply, toXml('PublicAccessBlockConfiguration', publicAccessBlockDocument(block))),
};
