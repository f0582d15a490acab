import { DeleteBucketCommand } from '../../../operations/buckets/delete-bucket/delete-bucket.command';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

export const deleteBucketRoute: S3Route<void> = {
  operation: 'DeleteBucket',
  toCommand: (req) => new DeleteBucketCommand(req.context, { bucket: bucketOf(req) }),
  send: (reply) => sendEmpty(reply, 204),
};
