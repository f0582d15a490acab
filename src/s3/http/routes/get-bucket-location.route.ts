import { GetBucketLocationCommand } from '../../../operations/buckets/get-bucket-location/get-bucket-location.command';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const getBucketLocationRoute: S3Route<{ region: string }> = {
  operation: 'GetBucketLocation',
  toCommand: (req) => new GetBucketLocationCommand(req.context, { bucket: bucketOf(req) }),
  send(reply, { region }) {
    // AWS answers an empty constraint for us-east-1, its historical default region.
    const xml = toXml('LocationConstraint', { '#text': region === 'us-east-1' ? '' : region });
    sendXml(reply, xml);
  },
};
