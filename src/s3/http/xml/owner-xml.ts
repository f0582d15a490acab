import type { XmlObject } from './xml-writer';

/** Accounts are named by access key; AWS clients expect both ID and DisplayName. */
export function ownerXml(access: string): XmlObject {
  return { ID: access, DisplayName: access };
}
