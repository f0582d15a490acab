import type { BucketInfo } from '../../../backends/backend';
import { HeadBucketCommand } from '../../../operations/buckets/head-bucket/head-bucket.command';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

export function headBucketRoute(region: string): S3Route<BucketInfo> {
  return {
    operation: 'HeadBucket',
    toCommand: (req) => new HeadBucketCommand(req.context, { bucket: bucketOf(req) }),
    send(reply) {
      reply.header('x-amz-bucket-region', region);
      sendEmpty(reply);
    },
  };
}
