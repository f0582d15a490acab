import type { ListObjectsOutput } from '../../../backends/backend';
import type { XmlObject } from './xml-writer';

/** Applies encoding-type=url to the names a listing returns; %20 for spaces decodes right in every SDK. */
export type NameEncoder = (name: string) => string;

export const encoderFor = (encodingType: 'url' | undefined): NameEncoder => (encodingType === 'url' ? encodeURIComponent : (name) => name);

export function commonPrefixesXml(page: Pick<ListObjectsOutput, 'commonPrefixes'>, encode: NameEncoder): XmlObject {
  return page.commonPrefixes.length === 0 ? {} : { CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix) })) };
}

/** Elements present only when they have a value, as AWS omits them. */
export function optional(fields: Record<string, string | number | undefined>): XmlObject {
  const present: XmlObject = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') present[name] = value;
  return present;
}
