import { S3Error } from '../../../src/s3/errors/s3-error';
import { readCompletedParts } from '../../../src/s3/http/routes/complete-multipart-upload.route';
import { readDeleteDocument } from '../../../src/s3/http/routes/delete-objects.route';
import { readTaggingDocument } from '../../../src/s3/http/tagging/tagging-document';
import { parseXml } from '../../../src/s3/http/xml/xml-body-reader';

/** A small deterministic generator (mulberry32): the same documents on every run and machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '<Delete>', '</Delete>', '<Object>', '</Object>', '<Key>', '</Key>', '<VersionId>', '</VersionId>', '<Quiet>', '</Quiet>',
  '<Tagging>', '</Tagging>', '<TagSet>', '</TagSet>', '<Tag>', '</Tag>', '<Value>', '</Value>',
  '<CompleteMultipartUpload>', '</CompleteMultipartUpload>', '<Part>', '</Part>', '<PartNumber>', '</PartNumber>', '<ETag>', '</ETag>',
  'true', 'false', '1', '-1', '10001', 'a', '', ' ', '&amp;', '&#34;', '&#0;', '&lt;', '&copy;', '<![CDATA[x&y]]>', '<!-- c -->',
  '<?xml version="1.0"?>', '<a/>', '"', "'", '>', '<', '&', '\u0000', '\ud800', 'é', '/', 'k=v', 'aws:x',
];

const NAMES = ['Delete', 'Object', 'Key', 'VersionId', 'Quiet', 'Tagging', 'TagSet', 'Tag', 'Value', 'CompleteMultipartUpload', 'Part', 'PartNumber', 'ETag', 'ChecksumCRC32', 'Other'];
const TEXTS = ['', 'true', 'false', '1', '2', '0', '-1', '10001', '"abc"', '&#34;e&#34;', 'a&amp;b', 'aws:k', 'k'.repeat(129), 'v'.repeat(257), 'é ü', '{x}', '  spaced  '];

/** Which children each element of these documents has; mostly followed, sometimes not. */
const CHILDREN: Record<string, string[]> = {
  Delete: ['Object', 'Quiet'],
  Object: ['Key', 'VersionId'],
  Tagging: ['TagSet'],
  TagSet: ['Tag'],
  Tag: ['Key', 'Value'],
  CompleteMultipartUpload: ['Part'],
  Part: ['PartNumber', 'ETag', 'ChecksumCRC32'],
};

/** A well-formed element: children as the schema has them most of the time, any name otherwise. */
function element(next: () => number, name: string, depth: number): string {
  const pick = (list: string[]) => list[Math.floor(next() * list.length)];
  const expected = CHILDREN[name];
  if (expected === undefined || depth > 4 || next() < 0.1) return `<${name}>${pick(TEXTS)}</${name}>`;
  const children = Array.from({ length: Math.floor(next() * 4) }, () => element(next, next() < 0.85 ? pick(expected) : pick(NAMES), depth + 1));
  return `<${name}>${children.join('')}</${name}>`;
}

/**
 * Hostile request documents: whatever the bytes, each reader answers with the S3 error AWS would
 * (MalformedXML, InvalidTag, InvalidArgument...) or a value, never with a crash that would reach
 * the client as InternalError.
 */
describe('request documents against generated input', () => {
  const readers: Array<[string, (doc: Record<string, unknown> | undefined) => unknown]> = [
    ['DeleteObjects', readDeleteDocument],
    ['PutObjectTagging', (doc) => readTaggingDocument(doc)],
    ['CompleteMultipartUpload', readCompletedParts],
  ];

  it.each(readers)('%s: 6,000 generated documents, only S3 errors or results', (name, read) => {
    const next = random(0x7ac3);
    const roots: Record<string, string> = { DeleteObjects: 'Delete', PutObjectTagging: 'Tagging', CompleteMultipartUpload: 'CompleteMultipartUpload' };
    const outcomes = new Set<string>();
    for (let i = 0; i < 6000; i++) {
      // Half byte soup, half well-formed documents under the reader's own root element.
      const text =
        i % 2 === 0
          ? Array.from({ length: 1 + Math.floor(next() * 24) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('')
          : element(next, roots[name], 0);
      try {
        read(parseXml(text));
        outcomes.add('read');
      } catch (err) {
        if (!(err instanceof S3Error)) throw new Error(`${String(err)} for ${JSON.stringify(text)}`);
        outcomes.add(err.code);
      }
    }
    // The generator reaches the readers' own checks, not only the parser's MalformedXML.
    expect(outcomes.size).toBeGreaterThan(1);
  });
});
