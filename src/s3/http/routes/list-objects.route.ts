import { ListObjectsCommand, type ListObjectsResult } from '../../../operations/listing/list-objects/list-objects.command';
import { readListingQuery } from '../headers/listing-query';
import { listObjectsXml } from '../xml/listing-documents';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const listObjectsRoute: S3Route<ListObjectsResult> = {
  operation: 'ListObjects',
  toCommand(req) {
    const { prefix, delimiter, maxKeys } = readListingQuery(req.target.query);
    const marker = req.target.query.get('marker') ?? '';
    return new ListObjectsCommand(req.context, { bucket: bucketOf(req), prefix, delimiter, marker, maxKeys });
  },
  send(reply, page, req) {
    sendXml(reply, listObjectsXml(bucketOf(req), req.target.query, page));
  },
};
