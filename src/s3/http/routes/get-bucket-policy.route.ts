import { GetBucketPolicyCommand } from '../../../operations/buckets/get-bucket-policy/get-bucket-policy.command';
import { bucketOf, S3Route } from './s3-route';

/** The document as it was written, as JSON (AWS answers it as such, not as XML). */
export const getBucketPolicyRoute: S3Route<string> = {
  operation: 'GetBucketPolicy',
  toCommand: (req) => new GetBucketPolicyCommand(req.context, { bucket: bucketOf(req) }),
  send(reply, policy) {
    reply.status(200).header('content-type', 'application/json').send(policy);
  },
};
