import type { CorsRule } from '../../../cors/cors-rule';
import { GetBucketCorsCommand } from '../../../operations/buckets/get-bucket-cors/get-bucket-cors.command';
import { toXml, type XmlObject } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

/** A rule's elements in the order AWS writes them. */
function ruleXml(rule: CorsRule): XmlObject {
  return {
    ...(rule.id !== undefined ? { ID: rule.id } : {}),
    AllowedHeader: rule.allowedHeaders,
    AllowedMethod: rule.allowedMethods,
    AllowedOrigin: rule.allowedOrigins,
    ExposeHeader: rule.exposeHeaders,
    ...(rule.maxAgeSeconds !== undefined ? { MaxAgeSeconds: rule.maxAgeSeconds } : {}),
  };
}

export const getBucketCorsRoute: S3Route<readonly CorsRule[]> = {
  operation: 'GetBucketCors',
  toCommand: (req) => new GetBucketCorsCommand(req.context, { bucket: bucketOf(req) }),
  send: (reply, rules) => sendXml(reply, toXml('CORSConfiguration', { CORSRule: rules.map(ruleXml) })),
};
