import { ListObjectVersionsCommand, type ListObjectVersionsResult } from '../../../operations/listing/list-object-versions/list-object-versions.command';
import { readListingQuery } from '../headers/listing-query';
import { listObjectVersionsXml } from '../xml/listing-documents';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const listObjectVersionsRoute: S3Route<ListObjectVersionsResult> = {
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
    sendXml(reply, listObjectVersionsXml(bucketOf(req), req.target.query, page));
  },
};
