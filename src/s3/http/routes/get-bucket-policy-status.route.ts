import { GetBucketPolicyStatusCommand } from '../../../operations/buckets/get-bucket-policy-status/get-bucket-policy-status.command';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const getBucketPolicyStatusRoute: S3Route<{ isPublic: boolean }> = {
  operation: 'GetBucketPolicyStatus',
  toCommand: (req) => new GetBucketPolicyStatusCommand(req.context, { bucket: bucketOf(req) }),
  send: (reply, { isPublic }) => sendXml(reply, toXml('PolicyStatus', { IsPublic: isPublic })),
};
