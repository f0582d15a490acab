import { CreateBucketCommand } from '../../../operations/buckets/create-bucket/create-bucket.command';
import { readXmlBody } from '../xml/xml-body-reader';
import { S3Error } from '../../errors/s3-error';
import { readAclHeaders } from '../headers/acl-headers';
import { headerValue } from '../headers/header-value';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

/** The optional CreateBucketConfiguration document; only LocationConstraint matters here. */
function locationConstraint(doc: Record<string, unknown> | undefined): string | undefined {
  if (doc === undefined) return undefined;
  const config = doc.CreateBucketConfiguration;
  if (config === undefined) throw new S3Error('MalformedXML');
  if (config === '' || typeof config !== 'object' || config === null) return undefined;
  const location = (config as Record<string, unknown>).LocationConstraint;
  if (location !== undefined && typeof location !== 'string') throw new S3Error('MalformedXML');
  return location;
}

export const createBucketRoute: S3Route<void> = {
  operation: 'CreateBucket',
  async toCommand(req) {
    const bucket = bucketOf(req);
    const doc = await readXmlBody(req.auth.body);
    const { headers } = req.request;
    return new CreateBucketCommand(req.context, {
      bucket,
      locationConstraint: locationConstraint(doc),
      acl: readAclHeaders(headers),
      ownership: headerValue(headers, 'x-amz-object-ownership'),
    });
  },
  send(reply, _result, req) {
    reply.header('location', `/${bucketOf(req)}`);
    sendEmpty(reply);
  },
};
