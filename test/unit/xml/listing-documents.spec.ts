import type { ListObjectVersionsOutput, ObjectSummary } from '../../../src/backends/backend';
import { listObjectsV2Xml, listObjectsXml, listObjectVersionsXml } from '../../../src/s3/http/xml/listing-documents';
import { escapeXmlText, XmlDocument } from '../../../src/s3/http/xml/xml-document';
import { toXml } from '../../../src/s3/http/xml/xml-writer';
import { pick, rng, TRICKY_CHARS } from '../listing/s3-list-reference';
import { oracleListObjectsV2Xml, oracleListObjectsXml, oracleListObjectVersionsXml } from './listing-xml-oracle';

/** What keys, prefixes, markers and ETags may hold: XML specials, URL specials, control characters, any Unicode. */
const NAME_CHARS = [...TRICKY_CHARS, '&', '<', '>', '"', "'", '&amp;', '&#60;', ']]>', '%', '%20', '/', '\t', '\n', '\r', '\u0001', '=', '?', '#', '\u2028', '\uFEFF'];

function randomText(random: () => number, max = 6): string {
  return Array.from({ length: Math.floor(random() * max) }, () => pick(random, NAME_CHARS)).join('');
}

function randomObject(random: () => number): ObjectSummary {
  const etag = pick(random, ['5d41402abc4b2a76b9719d911017c592', '"quoted"', 'W/"weak"', '', ' spaced ', randomText(random), 'a-3']);
  const when = Date.UTC(2020, 0, 1) + Math.floor(random() * 1e11);
  const object: ObjectSummary = { key: randomText(random) || 'k', size: Math.floor(random() * 1e12), etag, lastModified: new Date(when) };
  // Some written by another account than the bucket's owner (or naming it, as stored ACLs may).
  if (random() < 0.3) object.owner = pick(random, ['WRITER', 'ROOTACCESS', "w'&<>\""]);
  return object;
}

/** A query a listing request may carry (readListingQuery has already accepted it). */
function randomQuery(random: () => number): URLSearchParams {
  const query = new URLSearchParams();
  for (const name of ['prefix', 'delimiter', 'marker', 'start-after', 'continuation-token', 'key-marker', 'version-id-marker']) {
    if (random() < 0.5) query.set(name, random() < 0.2 ? '' : randomText(random));
  }
  if (random() < 0.5) query.set('max-keys', String(pick(random, [0, 1, 7, 1000, 5000])));
  if (random() < 0.4) query.set('encoding-type', pick(random, ['url', 'URL']));
  return query;
}

function randomPage(random: () => number) {
  const isTruncated = random() < 0.5;
  return {
    objects: Array.from({ length: Math.floor(random() * 5) }, () => randomObject(random)),
    commonPrefixes: Array.from({ length: Math.floor(random() * 3) }, () => randomText(random) || 'p/'),
    isTruncated,
    ...(random() < 0.7 ? { nextMarker: randomText(random) } : {}),
    ...(isTruncated && random() < 0.7 ? { nextContinuationToken: randomText(random) } : {}),
  };
}

/** The same page as ListObjectVersions sees it: each object a version, the first the latest. */
function versionsPageOf(page: ReturnType<typeof randomPage>): ListObjectVersionsOutput {
  return {
    versions: page.objects.map((object, j) => ({ ...object, versionId: j % 2 === 0 ? '01ARZ3NDEKTSV4RRFFQ69G5FAV' : 'null', isLatest: j === 0 })),
    commonPrefixes: page.commonPrefixes,
    isTruncated: page.isTruncated,
    ...(page.nextMarker !== undefined ? { nextKeyMarker: page.nextMarker, nextVersionIdMarker: 'null' } : {}),
  };
}

describe('listing documents, built by hand, against the toXml rendering clients accepted before', () => {
  it('renders ListObjectsV2, ListObjects and ListObjectVersions to the same bytes for tricky names, with and without encoding-type=url', () => {
    const random = rng(12);
    for (let i = 0; i < 3000; i++) {
      const bucket = pick(random, ['bucket', 'a.b-c', 'x&y']);
      const query = randomQuery(random);
      const page = randomPage(random);
      const owner = pick(random, [undefined, '', 'ROOTACCESS', "o'&<>\""]);
      const context = { i, bucket, query: query.toString(), page, owner };
      expect({ context, xml: listObjectsV2Xml(bucket, query, { ...page, owner }) }).toEqual({
        context,
        xml: oracleListObjectsV2Xml(bucket, query, { ...page, owner }),
      });
      expect({ context, xml: listObjectsXml(bucket, query, { ...page, owner: owner ?? 'o' }) }).toEqual({
        context,
        xml: oracleListObjectsXml(bucket, query, { ...page, owner: owner ?? 'o' }),
      });
      const versions = versionsPageOf(page);
      expect({ context, xml: listObjectVersionsXml(bucket, query, { ...versions, owner: owner ?? '' }) }).toEqual({
        context,
        xml: oracleListObjectVersionsXml(bucket, query, { ...versions, owner: owner ?? '' }),
      });
    }
  });

  it('renders a 1,000-object page as toXml does', () => {
    const objects = Array.from({ length: 1000 }, (_, i) => ({
      key: `dir/obj ${i} & <${i}>`,
      size: i * 4096,
      etag: '20439f79e4e9dc95be34b21029221f80',
      lastModified: new Date(Date.UTC(2026, 0, 1) + i * 1234),
    }));
    const page = { objects, commonPrefixes: ['dir/sub/'], isTruncated: true, nextMarker: 'dir/sub/', nextContinuationToken: 'tok' };
    for (const query of [new URLSearchParams('list-type=2'), new URLSearchParams('list-type=2&encoding-type=url&fetch-owner=true&prefix=dir/')]) {
      expect(listObjectsV2Xml('bench', query, page)).toBe(oracleListObjectsV2Xml('bench', query, page));
    }
  });

  it('shows what a client receives for special characters', () => {
    const page = {
      objects: [{ key: `a&b <c> "d" 'e' f`, size: 1, etag: '"x"', lastModified: new Date('2024-01-01T00:00:00.000Z') }],
      commonPrefixes: [],
      isTruncated: false,
    };
    expect(listObjectsV2Xml('b', new URLSearchParams(), page)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Name>b</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>' +
        '<Contents><Key>a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos; f</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>' +
        '<ETag>&quot;x&quot;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>',
    );
    // encodeURIComponent leaves ' alone: it is still escaped for XML.
    expect(listObjectsV2Xml('b', new URLSearchParams('encoding-type=url'), page)).toContain('<Key>a%26b%20%3Cc%3E%20%22d%22%20&apos;e&apos;%20f</Key>');
  });
});

describe('XmlDocument', () => {
  it('escapes text as toXml does and renders values, empty elements and markup in order', () => {
    const text = `&<>'" plain &amp; é 😀 \u0001`;
    expect(escapeXmlText(text)).toBe(toXml('R', { T: text }).match(/<T>(.*)<\/T>/s)?.[1]);
    const xml = new XmlDocument('R').element('A', '').element('B', 0).element('C', false).optional('D', '').optional('E', undefined).optional('F', 'x').markup('<G/>').finish();
    expect(xml).toBe(toXml('R', { A: '', B: 0, C: false, F: 'x' }).replace('</R>', '<G/></R>'));
  });
});
