import { PutPublicAccessBlockCommand } from '../../../operations/buckets/put-public-access-block/put-public-access-block.command';
import { readPublicAccessBlock } from '../xml/public-access-block-document';
import { readXmlBody } from '../xml/xml-body-reader';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

export const putPublicAccessBlockRoute: S3Route<void> = {
  operation: 'PutPublicAccessBlock',
  toCommand: async (req) => new PutPublicAccessBlockCommand(req.context, { bucket: bucketOf(req), block: readPublicAccessBlock(await readXmlBody(req.auth.body)) }),
  send: (reply) => sendEmpty(reply),
};
