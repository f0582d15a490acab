import { XMLBuilder } from 'fast-xml-parser';

export const S3_XML_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** A value fast-xml-parser can render: elements are object keys, arrays repeat the element. */
export type XmlValue = string | number | boolean | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [element: string]: XmlValue;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });
/** What every S3 XML document starts with (xml-document.ts builds listings by hand: the same start). */
export const S3_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Renders one S3 XML document; `namespaced` adds S3's xmlns as AWS does on result documents (not on <Error>). */
export function toXml(root: string, body: XmlObject, namespaced = true): string {
  const element = namespaced ? { '@_xmlns': S3_XML_NAMESPACE, ...body } : body;
  return S3_XML_DECLARATION + builder.build({ [root]: element });
}
