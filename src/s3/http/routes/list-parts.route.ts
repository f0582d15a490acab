import type { ListPartsOutput } from '../../../backends/backend';
import { quoteEtag } from '../../../backends/common/etag';
import { ListPartsCommand } from '../../../operations/multipart/list-parts/list-parts.command';
import { ownerXml } from '../xml/owner-xml';
import { toXml } from '../xml/xml-writer';
import { readLimit, readPartNumberMarker, uploadOf } from './multipart-request';
import { checksumElement } from '../headers/checksum-headers';
import { S3Route, sendXml } from './s3-route';

export const listPartsRoute: S3Route<ListPartsOutput> = {
  operation: 'ListParts',
  toCommand(req) {
    const { query } = req.target;
    return new ListPartsCommand(req.context, { ...uploadOf(req), partNumberMarker: readPartNumberMarker(query), maxParts: readLimit(query, 'max-parts') });
  },
  send(reply, page, req) {
    const { query } = req.target;
    const { bucket, key, uploadId } = uploadOf(req);
    // The upload's own owner is the account that created it: its Initiator too.
    const owner = ownerXml(page.uploadOwner ?? page.owner);
    const xml = toXml('ListPartsResult', {
      Bucket: bucket,
      Key: key,
      UploadId: uploadId,
      Initiator: owner,
      Owner: owner,
      StorageClass: 'STANDARD',
      PartNumberMarker: readPartNumberMarker(query),
      ...(page.nextPartNumberMarker !== undefined ? { NextPartNumberMarker: page.nextPartNumberMarker } : {}),
      MaxParts: readLimit(query, 'max-parts'),
      IsTruncated: page.isTruncated,
      ...(page.checksum ? { ChecksumAlgorithm: page.checksum.algorithm, ChecksumType: page.checksum.type } : {}),
      Part: page.parts.map((part) => ({
        PartNumber: part.partNumber,
        LastModified: part.lastModified.toISOString(),
        ETag: quoteEtag(part.etag),
        Size: part.size,
        ...checksumElement(part.checksum),
      })),
    });
    sendXml(reply, xml);
  },
};
