import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CorsPolicy } from './cors-policy';
import { corsRulesOf } from './cors-rule';

/**
 * Read as the request reader reads PutBucketCors' body (values as text, namespaces dropped), so
 * a stored document means what it meant when it was accepted.
 */
const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true, processEntities: true, htmlEntities: false });
/** A stored document is the gateway's own (or VersityGW's), checked when written; one with a DTD is still refused. */
const DOCTYPE = /<!DOCTYPE/i;

/**
 * The policy of a bucket's stored CORS document, or undefined when the document is not one S3
 * would accept (written by hand, cut short): such a bucket answers as one without CORS.
 */
export function corsPolicyOfStored(document: Buffer): CorsPolicy | undefined {
  const text = document.toString('utf8');
  if (DOCTYPE.test(text) || XMLValidator.validate(text) !== true) return undefined;
  try {
    return new CorsPolicy(corsRulesOf(parser.parse(text) as Record<string, unknown>));
  } catch {
    return undefined;
  }
}
