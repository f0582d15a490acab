import { ListObjectsV2Command, ListObjectsV2Result } from '../../../operations/listing/list-objects-v2/list-objects-v2.command';
import { readListingQuery } from '../headers/listing-query';
import { listObjectsV2Xml } from '../xml/listing-documents';
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
    sendXml(reply, listObjectsV2Xml(bucketOf(req), req.target.query, page));
  },
};
