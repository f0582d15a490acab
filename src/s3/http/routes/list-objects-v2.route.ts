import { ListObjectsV2Command, ListObjectsV2Result } from '../../../operations/listing/list-objects-v2/list-objects-v2.command';
import { readListingQuery } from '../headers/listing-query';
import { commonPrefixesXml, encoderFor, objectEntryXml, optional } from '../xml/listing-xml';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const listObjectsV2Route: S3Route<ListObjectsV2Result> = {
  operation: 'ListObjectsV2',
  toCommand(req) {
    const { query } = req.target;
    const { prefix, delimiter, maxKeys } = readListingQuery(query);
    return new ListObjectsV2Command(req.context, {
      bucket: bucketOf(req),
      prefix,
      delimiter,
      maxKeys,
      continuationToken: query.get('continuation-token') ?? undefined,
      startAfter: query.get('start-after') ?? undefined,
      fetchOwner: query.get('fetch-owner') === 'true',
    });
  },
  send(reply, page, req) {
    const { query } = req.target;
    const { prefix, delimiter, maxKeys, encodingType } = readListingQuery(query);
    const encode = encoderFor(encodingType);
    const xml = toXml('ListBucketResult', {
      Name: bucketOf(req),
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
    sendXml(reply, xml);
  },
};
