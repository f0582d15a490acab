import type { PutObjectOutput } from '../../../backends/backend';
import { quoteEtag } from '../../../backends/common/etag';
import { PutObjectCommand } from '../../../operations/objects/put-object/put-object.command';
import { S3Error } from '../../errors/s3-error';
import { readContentMd5 } from '../headers/content-md5';
import { readObjectMetadata } from '../headers/object-metadata-headers';
import { readWriteConditions } from '../headers/write-conditions';
import { readTaggingHeader } from '../tagging/tagging-header';
import { declaredChecksum } from '../headers/checksum-headers';
import { readAclHeaders } from '../headers/acl-headers';
import { objectOf, S3Route, sendEmpty } from './s3-route';
import { readObjectLockHeaders } from '../headers/object-lock-headers';

/** AWS's limit for a single PUT; larger objects must use multipart upload. */
const MAX_PUT_BYTES = 5 * 1024 ** 3;

export const putObjectRoute: S3Route<PutObjectOutput> = {
  operation: 'PutObject',
  toCommand(req) {
    const { headers } = req.request;
    const contentLength = req.auth.contentLength;
    if (contentLength === undefined) throw new S3Error('MissingContentLength');
    if (contentLength > MAX_PUT_BYTES) throw new S3Error('EntityTooLarge', undefined, { MaxSizeAllowed: MAX_PUT_BYTES, ProposedSize: contentLength });
    const contentMd5 = readContentMd5(headers);
    const checksum = declaredChecksum(headers, req.auth);
    const lock = readObjectLockHeaders(headers);
    // As AWS: a version meant to be kept for years must arrive exactly as it was sent.
    if (lock !== undefined && contentMd5 === undefined && checksum === undefined) {
      throw new S3Error('InvalidRequest', 'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters');
    }
    return new PutObjectCommand(req.context, {
      ...objectOf(req),
      body: req.auth.body,
      contentLength,
      contentMd5,
      metadata: readObjectMetadata(headers),
      tagging: readTaggingHeader(headers),
      checksum,
      writeConditions: readWriteConditions(headers),
      aclRequest: readAclHeaders(headers),
      ...(lock === undefined ? {} : { lock }),
    });
  },
  send(reply, { etag, versionId }, req) {
    reply.header('etag', quoteEtag(etag));
    if (versionId !== undefined) reply.header('x-amz-version-id', versionId);
    const checksum = req.auth.checksum;
    if (checksum) reply.header(`x-amz-checksum-${checksum.algorithm}`, checksum.value);
    sendEmpty(reply);
  },
};
