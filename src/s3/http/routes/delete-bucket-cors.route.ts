import { DeleteBucketCorsCommand } from '../../../operations/buckets/delete-bucket-cors/delete-bucket-cors.command';
import { discardBody } from '../xml/xml-body-reader';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

export const deleteBucketCorsRoute: S3Route<void> = {
  operation: 'DeleteBucketCors',
  async toCommand(req) {
    await discardBody(req);
    return new DeleteBucketCorsCommand(req.context, { bucket: bucketOf(req) });
  },
  send: (reply) => sendEmpty(reply, 204),
};
