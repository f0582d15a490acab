import type { ListObjectsOutput } from '../../../backends/backend';
import { ListObjectVersionsCommand } from '../../../operations/listing/list-object-versions/list-object-versions.command';
import { readListingQuery } from '../headers/listing-query';
import { commonPrefixesXml, encoderFor, objectEntryXml, optional } from '../xml/listing-xml';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

/** Unversioned buckets: one `null` version per object, always the latest. */
const NULL_VERSION = 'null';

export const listObjectVersionsRoute: S3Route<ListObjectsOutput> = {
  operation: 'ListObjectVersions',
  toCommand(req) {
    const { query } = req.target;
    const { prefix, delimiter, maxKeys } = readListingQuery(query);
    return new ListObjectVersionsCommand(req.context, {
      bucket: bucketOf(req),
      prefix,
      delimiter,
      maxKeys,
      keyMarker: query.get('key-marker') ?? '',
      versionIdMarker: query.get('version-id-marker') ?? undefined,
    });
  },
  send(reply, page, req) {
    const { query } = req.target;
    const { prefix, delimiter, maxKeys, encodingType } = readListingQuery(query);
    const encode = encoderFor(encodingType);
    const owner = req.context.account?.access ?? '';
    const truncated = page.isTruncated && page.nextMarker !== undefined;
    const xml = toXml('ListVersionsResult', {
      Name: bucketOf(req),
      Prefix: encode(prefix),
      KeyMarker: encode(query.get('key-marker') ?? ''),
      VersionIdMarker: query.get('version-id-marker') ?? '',
      MaxKeys: maxKeys,
      ...optional({ Delimiter: encode(delimiter), EncodingType: encodingType }),
      IsTruncated: page.isTruncated,
      ...optional({
        NextKeyMarker: truncated ? encode(page.nextMarker ?? '') : undefined,
        NextVersionIdMarker: truncated ? NULL_VERSION : undefined,
      }),
      Version: page.objects.map((object) => {
        const { Key, ...rest } = objectEntryXml(object, encode, owner);
        return { Key, VersionId: NULL_VERSION, IsLatest: true, ...rest };
      }),
      ...commonPrefixesXml(page, encode),
    });
    sendXml(reply, xml);
  },
};
