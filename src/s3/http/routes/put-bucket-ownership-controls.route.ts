import { PutBucketOwnershipControlsCommand } from '../../../operations/buckets/put-bucket-ownership-controls/put-bucket-ownership-controls.command';
import { readOwnershipControls } from '../xml/ownership-document';
import { readXmlBody } from '../xml/xml-body-reader';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

export const putBucketOwnershipControlsRoute: S3Route<void> = {
  operation: 'PutBucketOwnershipControls',
  toCommand: async (req) =>
    new PutBucketOwnershipControlsCommand(req.context, { bucket: bucketOf(req), ownership: readOwnershipControls(await readXmlBody(req.auth.body)) }),
  send: (reply) => sendEmpty(reply),
};
