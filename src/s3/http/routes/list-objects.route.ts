import { ListObjectsCommand, type ListObjectsResult } from '../../../operations/listing/list-objects/list-objects.command';
import { readListingQuery } from '../headers/listing-query';
import { commonPrefixesXml, encoderFor, objectEntryXml, optional } from '../xml/listing-xml';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const listObjectsRoute: S3Route<ListObjectsResult> = {
  operation: 'ListObjects',
  toCommand(req) {
    const { prefix, delimiter, maxKeys } = readListingQuery(req.target.query);
    const marker = req.target.query.get('marker') ?? '';
    return new ListObjectsCommand(req.context, { bucket: bucketOf(req), prefix, delimiter, marker, maxKeys });
  },
  send(reply, page, req) {
    const { query } = req.target;
    const { prefix, delimiter, maxKeys, encodingType } = readListingQuery(query);
    const encode = encoderFor(encodingType);
    const xml = toXml('ListBucketResult', {
      Name: bucketOf(req),
      Prefix: encode(prefix),
      Marker: encode(query.get('marker') ?? ''),
      MaxKeys: maxKeys,
      ...optional({ Delimiter: encode(delimiter), EncodingType: encodingType }),
      IsTruncated: page.isTruncated,
      // AWS sends NextMarker only with a delimiter; without one, clients resume from the last key.
      ...optional({ NextMarker: page.isTruncated && delimiter !== '' && page.nextMarker ? encode(page.nextMarker) : undefined }),
      Contents: page.objects.map((object) => objectEntryXml(object, encode, page.owner)),
      ...commonPrefixesXml(page, encode),
    });
    sendXml(reply, xml);
  },
};
