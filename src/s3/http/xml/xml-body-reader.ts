import type { Readable } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3Error } from '../../errors/s3-error';

/** AWS caps request documents (DeleteObjects, CompleteMultipartUpload...) well under this. */
export const MAX_XML_BODY_BYTES = 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Values stay strings: keys and ETags like "0123" or "1e5" must not become numbers.
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

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

/** Parses an XML document; malformed input is MalformedXML, as AWS answers. */
export function parseXml(text: string): Record<string, unknown> {
  if (XMLValidator.validate(text) !== true) throw new S3Error('MalformedXML');
  return parser.parse(text) as Record<string, unknown>;
}

/** Reads and parses an XML request body; an empty body yields undefined (many documents are optional). */
export async function readXmlBody(body: Readable, limit = MAX_XML_BODY_BYTES): Promise<Record<string, unknown> | undefined> {
  const raw = await readBoundedBody(body, limit);
  const text = raw.toString('utf8').trim();
  return text === '' ? undefined : parseXml(text);
}
