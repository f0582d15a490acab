import type { ListObjectsOutput, ObjectSummary } from '../../../backends/backend';
import { quoteEtag } from '../../../backends/common/etag';
import { ownerXml } from './owner-xml';
import type { XmlObject } from './xml-writer';

/** Applies encoding-type=url to the names a listing returns; %20 for spaces decodes right in every SDK. */
export type NameEncoder = (name: string) => string;

export const encoderFor = (encodingType: 'url' | undefined): NameEncoder => (encodingType === 'url' ? encodeURIComponent : (name) => name);

/** The <Contents>/<Version> fields every listing shares. */
export function objectEntryXml(object: ObjectSummary, encode: NameEncoder, owner?: string): XmlObject {
  return {
    Key: encode(object.key),
    LastModified: object.lastModified.toISOString(),
    ETag: quoteEtag(object.etag),
    Size: object.size,
    ...(owner !== undefined ? { Owner: ownerXml(owner) } : {}),
    StorageClass: 'STANDARD',
  };
}

export function commonPrefixesXml(page: Pick<ListObjectsOutput, 'commonPrefixes'>, encode: NameEncoder): XmlObject {
  return page.commonPrefixes.length === 0 ? {} : { CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })) };
}

/** Elements present only when they have a value, as AWS omits them. */
export function optional(fields: Record<string, string | number | undefined>): XmlObject {
  const present: XmlObject = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') present[name] = value;
  return present;
}
