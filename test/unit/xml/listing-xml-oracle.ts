import type { ListObjectVersionsOutput, ObjectSummary } from '../../../src/backends/backend';
import { quoteEtag } from '../../../src/backends/common/etag';
import type { ListObjectsResult } from '../../../src/operations/listing/list-objects/list-objects.command';
import type { ListObjectsV2Result } from '../../../src/operations/listing/list-objects-v2/list-objects-v2.command';
import { readListingQuery } from '../../../src/s3/http/headers/listing-query';
import { commonPrefixesXml, encoderFor, optional, type NameEncoder } from '../../../src/s3/http/xml/listing-xml';
import { ownerXml } from '../../../src/s3/http/xml/owner-xml';
import { toXml, type XmlObject } from '../../../src/s3/http/xml/xml-writer';

/*
 * The listing documents as the routes rendered them through toXml (fast-xml-parser's builder)
 * before listing-documents.ts built them by hand: what clients accepted then, and so the bytes
 * the hand-built documents must reproduce.
 */

function objectEntryXml(object: ObjectSummary, encode: NameEncoder, owner?: string): XmlObject {
  return {
    Key: encode(object.key),
    LastModified: object.lastModified.toISOString(),
    ETag: quoteEtag(object.etag),
    Size: object.size,
    ...(owner !== undefined ? { Owner: ownerXml(object.owner ?? owner) } : {}),
    StorageClass: 'STANDARD',
  };
}

export function oracleListObjectsV2Xml(bucket: string, query: URLSearchParams, page: ListObjectsV2Result): string {
  const { prefix, delimiter, maxKeys, encodingType } = readListingQuery(query);
  const encode = encoderFor(encodingType);
  return toXml('ListBucketResult', {
    Name: bucket,
    Prefix: encode(prefix),
    ...optional({ Delimiter: encode(delimiter) }),
    MaxKeys: maxKeys,
    KeyCount: page.objects.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ...optional({
      EncodingType: encodingType,
      ContinuationToken: query.get('continuation-token') ?? undefined,
      NextContinuationToken: page.nextContinuationToken,
      StartAfter: encode(query.get('start-after') ?? ''),
    }),
    Contents: page.objects.map((object) => objectEntryXml(object, encode, page.owner)),
    ...commonPrefixesXml(page, encode),
  });
}

export function oracleListObjectsXml(bucket: string, query: URLSearchParams, page: ListObjectsResult): string {
  const { prefix, delimiter, maxKeys, encodingType } = readListingQuery(query);
  const encode = encoderFor(encodingType);
  return toXml('ListBucketResult', {
    Name: bucket,
    Prefix: encode(prefix),
    Marker: encode(query.get('marker') ?? ''),
    MaxKeys: maxKeys,
    ...optional({ Delimiter: encode(delimiter), EncodingType: encodingType }),
    IsTruncated: page.isTruncated,
    ...optional({ NextMarker: page.isTruncated && delimiter !== '' && page.nextMarker ? encode(page.nextMarker) : undefined }),
    Contents: page.objects.map((object) => objectEntryXml(object, encode, page.owner)),
    ...commonPrefixesXml(page, encode),
  });
}

/** Versions only: toXml groups elements by name, where the listing interleaves delete markers. */
export function oracleListObjectVersionsXml(bucket: string, query: URLSearchParams, page: ListObjectVersionsOutput & { owner: string }): string {
  const { owner } = page;
  const { prefix, delimiter, maxKeys, encodingType } = readListingQuery(query);
  const encode = encoderFor(encodingType);
  const truncated = page.isTruncated && page.nextKeyMarker !== undefined;
  return toXml('ListVersionsResult', {
    Name: bucket,
    Prefix: encode(prefix),
    KeyMarker: encode(query.get('key-marker') ?? ''),
    VersionIdMarker: query.get('version-id-marker') ?? '',
    MaxKeys: maxKeys,
    ...optional({ Delimiter: encode(delimiter), EncodingType: encodingType }),
    IsTruncated: page.isTruncated,
    ...optional({
      NextKeyMarker: truncated ? encode(page.nextKeyMarker ?? '') : undefined,
      NextVersionIdMarker: truncated ? page.nextVersionIdMarker : undefined,
    }),
    Version: page.versions.map(({ versionId, isLatest, ...object }) => {
      const { Key, ...rest } = objectEntryXml(object, encode, owner);
      return { Key, VersionId: versionId, IsLatest: isLatest, ...rest };
    }),
    ...commonPrefixesXml(page, encode),
  });
}
