import { PutBucketPolicyCommand } from '../../../operations/buckets/put-bucket-policy/put-bucket-policy.command';
import { MAX_POLICY_BYTES } from '../../../s3/access/policy/policy-parser';
import { readBoundedBody } from '../xml/xml-body-reader';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

export const putBucketPolicyRoute: S3Route<void> = {
  operation: 'PutBucketPolicy',
  async toCommand(req) {
    // One byte past AWS's limit is read, so that the parser can say the document is too large.
    const body = await readBoundedBody(req.auth.body, MAX_POLICY_BYTES * 2);
    return new PutBucketPolicyCommand(req.context, { bucket: bucketOf(req), policy: body.toString('utf8') });
  },
  send: (reply) => sendEmpty(reply, 204),
};
