import type { QueryLookup } from '../../../request/request-query';
import type { ListMultipartUploadsOutput } from '../../../backends/backend';
import { ListMultipartUploadsCommand } from '../../../operations/multipart/list-multipart-uploads/list-multipart-uploads.command';
import { readEncodingType } from '../headers/listing-query';
import { commonPrefixesXml, encoderFor, optional } from '../xml/listing-xml';
import { ownerXml } from '../xml/owner-xml';
import { toXml } from '../xml/xml-writer';
import { readLimit } from './multipart-request';
import { bucketOf, S3Route, sendXml } from './s3-route';

function readQuery(query: QueryLookup) {
  return {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? '',
    keyMarker: query.get('key-marker') ?? '',
    // Without a key marker AWS ignores the upload id marker.
    uploadIdMarker: query.get('key-marker') ? (query.get('upload-id-marker') ?? '') : '',
    maxUploads: readLimit(query, 'max-uploads'),
    encodingType: readEncodingType(query),
  };
}

export const listMultipartUploadsRoute: S3Route<ListMultipartUploadsOutput> = {
  operation: 'ListMultipartUploads',
  toCommand(req) {
    const { prefix, delimiter, keyMarker, uploadIdMarker, maxUploads } = readQuery(req.target.query);
    return new ListMultipartUploadsCommand(req.context, { bucket: bucketOf(req), prefix, delimiter, keyMarker, uploadIdMarker, maxUploads });
  },
  send(reply, page, req) {
    const params = readQuery(req.target.query);
    const encode = encoderFor(params.encodingType);
    const bucketOwner = ownerXml(page.owner);
    const xml = toXml('ListMultipartUploadsResult', {
      Bucket: bucketOf(req),
      KeyMarker: encode(params.keyMarker),
      UploadIdMarker: params.uploadIdMarker,
      ...optional({ NextKeyMarker: page.nextKeyMarker === undefined ? undefined : encode(page.nextKeyMarker), NextUploadIdMarker: page.nextUploadIdMarker }),
      Prefix: encode(params.prefix),
      ...optional({ Delimiter: encode(params.delimiter), EncodingType: params.encodingType }),
      MaxUploads: params.maxUploads,
      IsTruncated: page.isTruncated,
      Upload: page.uploads.map((upload) => {
        // The upload's own owner is the account that created it: its Initiator too.
        const owner = upload.owner === undefined ? bucketOwner : ownerXml(upload.owner);
        return {
          Key: encode(upload.key),
          UploadId: upload.uploadId,
          Initiator: owner,
          Owner: owner,
          StorageClass: 'STANDARD',
          Initiated: upload.initiated.toISOString(),
          ...(upload.checksum ? { ChecksumAlgorithm: upload.checksum.algorithm, ChecksumType: upload.checksum.type } : {}),
        };
      }),
      ...commonPrefixesXml(page, encode),
    });
    sendXml(reply, xml);
  },
};
