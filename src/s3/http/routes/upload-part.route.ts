import type { PartOutput } from '../../../backends/backend';
import { quoteEtag } from '../../../backends/common/etag';
import { UploadPartCommand } from '../../../operations/multipart/upload-part/upload-part.command';
import { S3Error } from '../../errors/s3-error';
import { readContentMd5 } from '../headers/content-md5';
import { MAX_PART_BYTES, parsePartNumber, uploadOf } from './multipart-request';
import { declaredChecksum } from '../headers/checksum-headers';
import { S3Route, sendEmpty } from './s3-route';

export const uploadPartRoute: S3Route<PartOutput> = {
  operation: 'UploadPart',
  toCommand(req) {
    const { headers } = req.request;
    const upload = uploadOf(req);
    const partNumber = parsePartNumber(req.target.query.get('partNumber'));
    const contentLength = req.auth.contentLength;
    if (contentLength === undefined) throw new S3Error('MissingContentLength');
    if (contentLength > MAX_PART_BYTES) {
      throw new S3Error('EntityTooLarge', undefined, { MaxSizeAllowed: MAX_PART_BYTES, ProposedSize: contentLength });
    }
    return new UploadPartCommand(req.context, {
      ...upload,
      partNumber,
      body: req.auth.body,
      contentLength,
      contentMd5: readContentMd5(headers),
      checksum: declaredChecksum(headers, req.auth),
    });
  },
  send(reply, { etag, checksum }) {
    reply.header('etag', quoteEtag(etag));
    if (checksum) reply.header(`x-amz-checksum-${checksum.algorithm.toLowerCase()}`, checksum.value);
    sendEmpty(reply);
  },
};
