import { S3_XML_DECLARATION, S3_XML_NAMESPACE } from './xml-writer';

const SPECIAL = /[&<>'"]/;
const SPECIALS = /[&<>'"]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };
const entityOf = (char: string): string => ENTITIES[char];

/**
 * Text as toXml (fast-xml-parser's builder) escapes it: the five XML specials become entities and
 * nothing else changes, so a document built here is byte for byte the one toXml would build.
 */
export function escapeXmlText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, entityOf) : text;
}

/**
 * An S3 result document built by concatenation, for documents with thousands of elements (a
 * listing page) where the generic builder's per-node work costs more than the listing itself.
 * Elements come out in the order they are added, without indentation, as toXml renders them.
 */
export class XmlDocument {
  private xml: string;

  constructor(private readonly root: string) {
    this.xml = `${S3_XML_DECLARATION}<${root} xmlns="${S3_XML_NAMESPACE}">`;
  }

  /** `<name>value</name>`, the value escaped; an empty value gives `<name></name>`, as toXml does. */
  element(name: string, value: string | number | boolean): this {
    this.xml += `<${name}>${typeof value === 'string' ? escapeXmlText(value) : String(value)}</${name}>`;
    return this;
  }

  /** The element only when it has a value: AWS omits empty ones (as the callers of toXml do with optional()). */
  optional(name: string, value: string | undefined): this {
    return value === undefined || value === '' ? this : this.element(name, value);
  }

  /** Markup already escaped (see escapeXmlText), for callers that render a repeated element in one template. */
  markup(xml: string): this {
    this.xml += xml;
    return this;
  }

  finish(): string {
    return `${this.xml}</${this.root}>`;
  }
}
