import { type BucketVersioning, GetBucketVersioningCommand } from '../../../operations/buckets/get-bucket-versioning/get-bucket-versioning.command';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const getBucketVersioningRoute: S3Route<BucketVersioning> = {
  operation: 'GetBucketVersioning',
  toCommand: (req) => new GetBucketVersioningCommand(req.context, { bucket: bucketOf(req) }),
  send(reply, { status }) {
    // A bucket whose versioning was never set gets the element with nothing in it, as on AWS.
    sendXml(reply, toXml('VersioningConfiguration', status ? { Status: status } : {}));
  },
};
