import { DeleteBucketTaggingCommand } from '../../../operations/buckets/delete-bucket-tagging/delete-bucket-tagging.command';
import { discardBody } from '../xml/xml-body-reader';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

export const deleteBucketTaggingRoute: S3Route<void> = {
  operation: 'DeleteBucketTagging',
  async toCommand(req) {
    await discardBody(req);
    return new DeleteBucketTaggingCommand(req.context, { bucket: bucketOf(req) });
  },
  send: (reply) => sendEmpty(reply, 204),
};
