import type { Readable } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3Error } from '../../errors/s3-error';
import type { S3HttpRequest } from '../routes/s3-route';

/** AWS caps request documents (DeleteObjects, CompleteMultipartUpload...) well under this. */
export const MAX_XML_BODY_BYTES = 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Values stay strings: keys and ETags like "0123" or "1e5" must not become numbers.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  // Also decodes character references (&#34;, &#x22;): Go's encoding/xml writes the quotes of
  // every ETag that way (rclone, minio-go...). The HTML named entities it would decode as well
  // never get this far: hasBadReference refuses them first.
  htmlEntities: true,
});

/**
 * An `&` that starts none of XML's five entities or a character reference. XML knows no other
 * entity without a DTD (&copy; is HTML's), so such a document is malformed, as AWS answers.
 */
const UNDEFINED_ENTITY = /&(?!(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
const CHARACTER_REFERENCE = /&#(x[0-9a-fA-F]+|[0-9]+);/g;
const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/g;
/**
 * A document type declaration, anywhere (XML is case-sensitive; this is not, so no spelling slips
 * through). S3's documents have none, and one could declare entities for the parser to expand.
 */
const DOCTYPE = /<!DOCTYPE/i;

/** XML's Char production: what a character reference may stand for (no NUL, no surrogates). */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/**
 * Whether the document uses an entity XML does not define, or a character reference to no XML
 * character (&#0;, &#x110000;). CDATA sections, where `&` is only a character, are left out.
 */
function hasBadReference(document: string): boolean {
  const text = document.includes('<![CDATA[') ? document.replace(CDATA, '') : document;
  if (UNDEFINED_ENTITY.test(text)) return true;
  for (const [, ref] of text.matchAll(CHARACTER_REFERENCE)) {
    const code = ref.startsWith('x') ? Number.parseInt(ref.slice(1), 16) : Number(ref);
    if (!isXmlChar(code)) return true;
  }
  return false;
}

/** Reads a request body of at most `limit` bytes; more than that is refused while streaming. */
export async function readBoundedBody(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      body.destroy();
      throw new S3Error('MaxMessageLengthExceeded');
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

/** Parses an XML document; malformed input, or any DOCTYPE (no DTD is fetched or expanded), is MalformedXML, as AWS answers. */
export function parseXml(text: string): Record<string, unknown> {
  if (DOCTYPE.test(text) || XMLValidator.validate(text) !== true || hasBadReference(text)) throw new S3Error('MalformedXML');
  return parser.parse(text) as Record<string, unknown>;
}

/** A request body as a document; an empty body yields undefined (many documents are optional). */
export function parseXmlBody(raw: Buffer): Record<string, unknown> | undefined {
  const text = raw.toString('utf8').trim();
  return text === '' ? undefined : parseXml(text);
}

/** Reads and parses an XML request body. */
export async function readXmlBody(body: Readable, limit = MAX_XML_BODY_BYTES): Promise<Record<string, unknown> | undefined> {
  return parseXmlBody(await readBoundedBody(body, limit));
}

/** Bodies these requests do not use are read and dropped, so that a signed payload is still verified. */
export async function discardBody(req: S3HttpRequest): Promise<void> {
  await readBoundedBody(req.auth.body, MAX_XML_BODY_BYTES);
}

/** A parsed element with children (not text, not a repeated element). */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An element that may appear once or many times (or not at all, or empty), as a list. */
export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]);
