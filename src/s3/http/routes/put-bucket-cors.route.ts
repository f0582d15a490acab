import { corsRulesOf } from '../../../cors/cors-rule';
import { PutBucketCorsCommand } from '../../../operations/buckets/put-bucket-cors/put-bucket-cors.command';
import { readChecksummedBody } from '../xml/checksummed-xml';
import { parseXmlBody } from '../xml/xml-body-reader';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

/** AWS's limit on a CORS configuration. */
const MAX_CORS_DOCUMENT_BYTES = 64 * 1024;

export const putBucketCorsRoute: S3Route<void> = {
  operation: 'PutBucketCors',
  async toCommand(req) {
    const document = await readChecksummedBody(req, MAX_CORS_DOCUMENT_BYTES);
    // Checked whole before anything is stored; stored as received, as VersityGW stores it.
    corsRulesOf(parseXmlBody(document));
    return new PutBucketCorsCommand(req.context, { bucket: bucketOf(req), document });
  },
  send: (reply) => sendEmpty(reply),
};
